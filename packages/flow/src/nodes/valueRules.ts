import type { ValueRule } from './renderOption.ts';

/** One name or number, with nothing that separates parts: no `/`, `@`, `:`, `&`, `,`, spaces. */
const tokenForbidden = /[^A-Za-z0-9_.+*#-]/;
const tokenAllowed = 'letters, digits and _ . + * # -';
/** A lone surrogate cannot be URL-encoded (encodeURIComponent throws) or sent as UTF-8. */
const loneSurrogate = /\p{Cs}/u;

/**
 * What a substituted value may hold, per kind of text it goes into. Each rule keeps the structure the
 * author wrote: a value can add to a name, never add a part (another endpoint, a folder, a media item,
 * a host). Values that break a rule send the step to its error port.
 */
export const valueRules = {
  /** `PJSIP/{{vars.agent}}`: `1001/sip:+44…@carrier` would dial any SIP address through a trunk. */
  dialEndpoint: {
    into: 'a dial endpoint',
    forbidden: tokenForbidden,
    allowed: tokenAllowed,
    maxLength: 80,
    quote: true,
  },
  /** Sent as CALLERID(num): no `"Name" <number>` markup and no control characters. */
  callerId: {
    into: 'a caller ID',
    forbidden: /[<>"\\\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u,
    allowed: 'text without < > " \\ or control characters',
    maxLength: 80,
    quote: true,
  },
  deviceName: {
    into: 'a device name',
    forbidden: tokenForbidden,
    allowed: tokenAllowed,
    maxLength: 80,
    quote: true,
  },
  bridgeName: {
    into: 'a bridge name',
    forbidden: tokenForbidden,
    allowed: tokenAllowed,
    maxLength: 80,
    quote: true,
  },
  /** `/` may name a folder (digits/1); the whole name is then checked against soundNamePattern. */
  soundName: {
    into: 'a sound name',
    forbidden: /[^A-Za-z0-9_/-]/,
    allowed: 'letters, digits, _ and -, with / between folders',
    maxLength: 200,
    quote: true,
  },
  /** A Record node stores `folder/name` in a variable that a prompt plays back: `/` and `.` stay. */
  recordingName: {
    into: 'a recording name',
    forbidden: /[^A-Za-z0-9_./-]/,
    allowed: 'letters, digits, _ - ., with / between folders',
    maxLength: 200,
    quote: true,
  },
  digits: {
    into: 'digits to say',
    forbidden: /[^0-9*#+-]/,
    allowed: 'digits and * # + -',
    maxLength: 64,
    quote: true,
  },
  number: {
    into: 'a number to say',
    forbidden: /[^0-9-]/,
    allowed: 'digits and a leading -',
    maxLength: 19,
    quote: true,
  },
  /** Asterisk spells ASCII only; a comma would start another media item. */
  characters: {
    into: 'characters to spell',
    forbidden: /[^\x20-\x2b\x2d-\x7e]/,
    allowed: 'letters, digits, spaces and punctuation other than commas',
    maxLength: 200,
    quote: true,
  },
  tone: {
    into: 'a tone',
    forbidden: /[^A-Za-z0-9_!+*/|]/,
    allowed: 'a tone name such as ring, or a tone string such as 440+480/2000|0/4000',
    maxLength: 200,
    quote: true,
  },
  /**
   * Spoken by text-to-speech: only data for the engine (the prompt source returns the media URI), so a
   * comma or a colon is harmless. Line breaks and tabs become spaces; other control characters are refused.
   */
  speechText: {
    into: 'text to speak',
    // Control characters other than tab and line breaks, and lone surrogates.
    forbidden: /[^\P{Cc}\t\n\r]|\p{Cs}/u,
    allowed: 'any text without control characters',
    maxLength: 2000,
    quote: true,
    encode: (value: string) => value.replace(/[\t\n\r]+/g, ' '),
  },
  /** URL-encoded, so `/ ? # & @ :` stay data; the URL may carry keys, so values are never quoted. */
  url: {
    into: 'a URL',
    forbidden: loneSurrogate,
    allowed: 'any text (it is URL-encoded)',
    maxLength: 4000,
    quote: false,
    encode: encodeURIComponent,
  },
  /** Line breaks become spaces (a header is one line); what HTTP cannot carry at all is refused. */
  headerValue: {
    into: 'an HTTP header',
    forbidden: /[^\t\n\r\x20-\x7e\xa0-\xff]/,
    allowed: 'printable Latin-1 text',
    maxLength: 8000,
    quote: false,
    encode: (value: string) => value.replace(/[\r\n]+/g, ' '),
  },
  /** Encoded per body format by the HTTP lookup. */
  body: {
    into: 'a request body',
    forbidden: loneSurrogate,
    allowed: 'any text',
    maxLength: 100_000,
    quote: false,
  },
} satisfies Record<string, ValueRule>;
