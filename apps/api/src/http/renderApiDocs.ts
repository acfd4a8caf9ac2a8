const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );

interface Operation {
  summary?: string;
  tags?: string[];
  'x-required-role'?: string;
  requestBody?: unknown;
  parameters?: { name: string; in: string; required: boolean }[];
}

/** A self-contained HTML page listing every operation of the OpenAPI document (no external assets). */
export function renderApiDocs(document: Record<string, unknown>): string {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const rows = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = (operation.parameters ?? [])
        .map((p) => `<code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`)
        .join(', ');
      return `<tr><td><span class="m ${method}">${method.toUpperCase()}</span></td><td><code>${escapeHtml(path)}</code></td>
<td>${escapeHtml(operation.summary ?? '')}${parameters ? `<br><small>${parameters}</small>` : ''}${operation.requestBody ? '<br><small>JSON body</small>' : ''}</td>
<td>${escapeHtml(operation['x-required-role'] ?? 'public')}</td></tr>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Callflow API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2933}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e4e7eb;padding:.5rem;text-align:left;vertical-align:top}
.m{font:600 12px monospace;padding:2px 6px;border-radius:4px;background:#e4e7eb}.get{background:#d9f2e6}.post{background:#dbe9ff}
.put,.patch{background:#fff1cc}.delete{background:#ffe0e0}code{font-size:13px}</style></head><body>
<h1>Callflow API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3). Log in with
<code>POST /api/session</code>; the session cookie authenticates the other calls.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Role</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}
