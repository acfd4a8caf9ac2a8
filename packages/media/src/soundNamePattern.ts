/**
 * A stock sound's name as a `sound:` prompt names it: `hello-world`, `digits/1`. Folders are allowed,
 * `..`, a leading `/`, dots and colons are not (the same rule as the flow's and the API's).
 */
export const soundNamePattern = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

export const maxSoundNameLength = 200;

export function isSoundName(name: string): boolean {
  return name.length <= maxSoundNameLength && soundNamePattern.test(name);
}
