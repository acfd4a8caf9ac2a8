/** "1 extension", "3 extensions". */
export function extensionCount(count: number): string {
  return `${count} ${count === 1 ? 'extension' : 'extensions'}`;
}
