import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, problemsOf, readSecretFile } from './ConfigError.ts';

/** One Asterisk server the runtime registers every published app on. */
export interface AriServerConfig {
  /** How the call log, the status rows and the metrics name it: host:port of `url` unless configured. */
  name: string;
  url: string;
  username: string;
  password: string;
}

const ariUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL such as http://127.0.0.1:8088',
});

/** One entry of ARI_SERVERS. */
const serverEntrySchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
        'must be 1 to 64 letters, digits, ".", "_", ":" or "-" (it names the server in the call log)',
      )
      .optional(),
    url: ariUrl,
    username: z.string({ error: 'must name the ARI user from ari.conf' }).min(1, 'must not be empty'),
    password: z.string({ error: 'must be a string' }).optional(),
    passwordFile: z.string({ error: 'must be a file path' }).min(1, 'must not be empty').optional(),
  })
  .transform((entry, context): AriServerConfig => {
    if (entry.password !== undefined && entry.passwordFile !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'and passwordFile are both set: use one',
      });
      return z.NEVER;
    }
    let password = entry.password;
    if (entry.passwordFile !== undefined) {
      try {
        password = readFileSync(entry.passwordFile, 'utf8').trim();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        context.addIssue({
          code: 'custom',
          path: ['passwordFile'],
          message: `cannot be read: ${entry.passwordFile} (${reason})`,
        });
        return z.NEVER;
      }
    }
    if (password === undefined || password === '') {
      context.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'is not set: give the ARI user’s password as password or passwordFile',
      });
      return z.NEVER;
    }
    return {
      name: entry.name ?? new URL(entry.url).host,
      url: entry.url,
      username: entry.username,
      password,
    };
  });

const serverListSchema = z
  .string()
  .transform((text, context) => {
    try {
      const value: unknown = JSON.parse(text);
      return value;
    } catch {
      // Never the parser's message: it quotes the text, which may hold a password.
      context.addIssue({
        code: 'custom',
        message:
          'is not valid JSON: expected an array such as [{"name":"a","url":"http://10.0.0.1:8088","username":"callflow","passwordFile":"/run/secrets/ari-a"}]',
      });
      return z.NEVER;
    }
  })
  .pipe(z.array(serverEntrySchema, { error: 'must be a JSON array of servers' }).min(1, 'must list a server'))
  .superRefine((servers, context) => {
    const names = new Set<string>();
    const urls = new Set<string>();
    servers.forEach((server, index) => {
      if (names.has(server.name))
        context.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `repeats the server name '${server.name}' (give each server its own name)`,
        });
      // The same app registered twice on one Asterisk: each socket would take it from the other.
      const url = normalizedUrl(server.url);
      if (urls.has(url))
        context.addIssue({ code: 'custom', path: [index, 'url'], message: `repeats the server ${url}` });
      names.add(server.name);
      urls.add(url);
    });
  });

const conflictsWithServerList = 'is set together with ARI_SERVERS: list every server there and unset it';

const namesUser = 'must name the ARI user from ari.conf';
const isPassword = 'must be the ARI user’s password (or set ARI_PASSWORD_FILE)';

/** ARI_URL, ARI_USERNAME, ARI_PASSWORD: the one-server settings. */
const oneServerSchema = z
  .object({
    ARI_URL: ariUrl,
    ARI_USERNAME: z.string({ error: namesUser }).min(1, namesUser),
    ARI_PASSWORD: z.string({ error: isPassword }).min(1, isPassword),
  })
  .transform(({ ARI_URL, ARI_USERNAME, ARI_PASSWORD }): AriServerConfig[] => [
    { name: new URL(ARI_URL).host, url: ARI_URL, username: ARI_USERNAME, password: ARI_PASSWORD },
  ]);

/** ARI_SERVERS: several servers, each with its own credentials. */
const absent = z.undefined({ error: conflictsWithServerList }).optional();
const severalServersSchema = z
  .object({
    ARI_SERVERS: serverListSchema,
    ARI_URL: absent,
    ARI_USERNAME: absent,
    ARI_PASSWORD: absent,
    ARI_PASSWORD_FILE: absent,
  })
  .transform(({ ARI_SERVERS }) => ARI_SERVERS);

function normalizedUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/ari$/, '');
  return `${parsed.protocol}//${parsed.host}${path}`;
}

/** Every variable ariServersFromEnv reads: none set means no Asterisk server is configured. */
export const ariServerVariables = [
  'ARI_URL',
  'ARI_USERNAME',
  'ARI_PASSWORD',
  'ARI_PASSWORD_FILE',
  'ARI_SERVERS',
  'ARI_SERVERS_FILE',
] as const;

/**
 * The Asterisk servers from the environment, the same for the runtime and the API (a call's
 * `asteriskServer` must name the same server in both). One server is ARI_URL with ARI_USERNAME and
 * ARI_PASSWORD (or ARI_PASSWORD_FILE); several are ARI_SERVERS (or ARI_SERVERS_FILE), a JSON array of
 * {name?, url, username, password | passwordFile}. Setting both is an error.
 */
export function ariServersFromEnv(env: NodeJS.ProcessEnv = process.env): AriServerConfig[] {
  const values: Record<string, string | undefined> = { ...env };
  if (values.ARI_SERVERS === undefined && env.ARI_SERVERS_FILE !== undefined)
    values.ARI_SERVERS = readSecretFile('ARI_SERVERS_FILE', env.ARI_SERVERS_FILE);
  const several = values.ARI_SERVERS !== undefined;
  const passwordFile = env.ARI_PASSWORD_FILE;
  if (!several && values.ARI_PASSWORD === undefined && passwordFile !== undefined)
    values.ARI_PASSWORD = readSecretFile('ARI_PASSWORD_FILE', passwordFile);
  const parsed = several ? severalServersSchema.safeParse(values) : oneServerSchema.safeParse(values);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error, values));
  return parsed.data;
}
