/** Tarjan's algorithm, iterative so a long chain of nodes cannot overflow the stack. */
export function stronglyConnectedComponents(
  ids: readonly string[],
  successors: (id: string) => readonly string[],
): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number; targets: readonly string[] }[] = [];
    const visit = (id: string) => {
      index.set(id, counter);
      lowLink.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, targets: successors(id) });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const target = frame.targets[frame.next++];
      if (target !== undefined) {
        if (!index.has(target)) visit(target);
        else if (onStack.has(target))
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id) ?? 0, index.get(target) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined)
        lowLink.set(parent.id, Math.min(lowLink.get(parent.id) ?? 0, lowLink.get(frame.id) ?? 0));
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === frame.id) break;
        }
        components.push(component);
      }
    }
  }
  return components;
}
