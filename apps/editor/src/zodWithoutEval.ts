// Every `import ... from 'zod'` in the editor's bundle (its own code and the packages it imports)
// resolves to this module (see resolve.alias in vite.config.ts), so zod is configured before any
// schema is built: the server's Content-Security-Policy allows no eval, and zod would otherwise try
// `new Function` once to compile faster parsers, which the browser reports as a policy violation.
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
