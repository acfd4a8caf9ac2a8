// The prompt library over HTTP on each database: prompts, uploads converted for Asterisk (each format
// the browser may send), refusals that store nothing, text-to-speech, listening, and the audit log.
import { makeTestAudio, type TestAudioFormat } from '@callflow/media/testing';
import { describe, expect, it } from 'vitest';
import { answerBeforeBody } from './answerBeforeBody.ts';
import type { ErrorView } from './flowTestSession.ts';
import { useFlowTestSession } from './flowTestSession.ts';
import {
  audioCounts,
  fileAnswer,
  type PromptView,
  sha256,
  uploadAudio,
  wavFormat,
} from './promptRequests.ts';
import { testEngines } from './startTestApi.ts';

const silenceToneSilence = [
  { kind: 'silence', seconds: 1 },
  { kind: 'tone', seconds: 1 },
  { kind: 'silence', seconds: 1 },
] as const;

describe.each(testEngines())('the prompt library on %s', { timeout: 60_000 }, (engine) => {
  const session = useFlowTestSession(engine);

  async function newPrompt(name: string): Promise<PromptView> {
    const created = await session.as.editor.post<PromptView>('/api/prompts', { name });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('lets an editor create, list, rename and describe prompts, each name once', async () => {
    const { editor, viewer } = session.as;
    const welcome = await newPrompt('Welcome');
    expect(welcome).toMatchObject({ name: 'Welcome', description: '', audio: [] });
    expect(welcome.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const taken = await editor.post<ErrorView>('/api/prompts', { name: 'Welcome' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'prompt_name_taken', name: 'Welcome' });

    const other = await newPrompt('Goodbye');
    const renamed = await editor.patch<PromptView>(`/api/prompts/${welcome.id}`, {
      name: 'Welcome (main line)',
      description: 'Said first\non every call',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Welcome (main line)',
      description: 'Said first\non every call',
    });
    expect(
      (await editor.patch<ErrorView>(`/api/prompts/${other.id}`, { name: 'Welcome (main line)' })).body,
    ).toMatchObject({
      error: 'prompt_name_taken',
    });
    const badName = await editor.post<ErrorView>('/api/prompts', { name: 'x'.repeat(81) });
    expect(badName.status).toBe(400);
    expect(badName.body.problems?.[0]?.path).toBe('body.name');

    const listed = await viewer.get<{ items: PromptView[]; languages: string[] }>(
      '/api/prompts?search=WELCOME',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((prompt) => prompt.name)).toEqual(['Welcome (main line)']);
    expect((await viewer.get(`/api/prompts/no-such-prompt`)).status).toBe(404);
  });

  it.each<[TestAudioFormat, string, string]>([
    ['wav', 'audio/wav', 'en'],
    ['mp3', 'audio/mpeg', 'ru'],
    ['ogg', 'audio/ogg', 'fr_FR'],
    ['m4a', 'audio/x-m4a', 'de'],
    ['webm', 'audio/webm', 'es'],
    ['flac', 'application/octet-stream', 'zh'],
  ])(
    'converts a %s upload (%s) to 8 and 16 kHz WAV, silence trimmed, with its length and waveform',
    async (format, type, language) => {
      const { editor, viewer } = session.as;
      const prompt = await newPrompt(`Format ${format}`);
      const file = await makeTestAudio({ format, segments: silenceToneSilence, channels: 2 });
      const uploaded = await uploadAudio(
        session.api,
        editor,
        `/api/prompts/${prompt.id}/audio/${language}?fileName=${encodeURIComponent(`greeting.${format}`)}`,
        file,
        type,
      );
      expect(uploaded.status).toBe(200);
      const audio = (uploaded.body as unknown as PromptView).audio;
      expect(audio).toHaveLength(1);
      const [stored] = audio;
      expect(stored).toMatchObject({
        language,
        source: 'upload',
        fileName: `greeting.${format}`,
        speechText: null,
      });
      expect(stored?.durationMs).toBeGreaterThanOrEqual(950);
      expect(stored?.durationMs).toBeLessThanOrEqual(1300);
      expect(stored?.peaks).toHaveLength(120);
      expect(Math.max(...(stored?.peaks ?? []))).toBeGreaterThan(0.1);

      const narrow = await fileAnswer(
        session.api,
        viewer,
        `/api/prompts/${prompt.id}/audio/${language}/file?format=wav`,
      );
      expect(narrow.status).toBe(200);
      expect(narrow.contentType).toBe('audio/wav');
      expect(wavFormat(narrow.bytes)).toEqual({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
      // Content-addressed: the hash the library shows (and a version pins) is the 8 kHz file's.
      expect(sha256(narrow.bytes)).toBe(stored?.hash);
      const wide = await fileAnswer(session.api, viewer, `/api/prompts/${prompt.id}/audio/${language}/file`);
      expect(wavFormat(wide.bytes)).toEqual({ sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    },
  );

  it('refuses files that are not audio, too long, silent, damaged or too big, and stores nothing', async () => {
    const { editor } = session.as;
    const prompt = await newPrompt('Refusals');
    const path = `/api/prompts/${prompt.id}/audio/en`;
    const before = await audioCounts(session.api);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    const refusals: Array<[Uint8Array, string, number, string, RegExp]> = [
      [pdf, 'application/octet-stream', 415, 'not_audio', /not audio we can read \(it looks like a PDF\)/],
      [Buffer.alloc(0), 'audio/wav', 415, 'not_audio', /The file is empty/],
      [
        await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] }),
        'text/plain',
        415,
        'not_audio',
        /Upload WAV, MP3/,
      ],
      [
        await makeTestAudio({ format: 'wav', segments: [{ kind: 'silence', seconds: 2 }] }),
        'audio/wav',
        422,
        'silent',
        /^The file has no sound \(it is all silence\)\.$/,
      ],
      [
        Buffer.concat([Buffer.from('OggS'), Buffer.alloc(4000, 0x5a)]),
        'audio/ogg',
        422,
        'corrupt',
        /damaged or incomplete/,
      ],
      [
        await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 301 }], sampleRate: 8000 }),
        'audio/mpeg',
        422,
        'too_long',
        /^The recording is 5 min 1 s long; prompts can be at most 5 min\.$/,
      ],
    ];
    for (const [file, type, status, reason, message] of refusals) {
      const refused = await uploadAudio(session.api, editor, path, file, type);
      expect(refused.status, reason).toBe(status);
      expect(refused.body).toMatchObject({ error: 'audio_rejected', reason });
      expect(String(refused.body.message)).toMatch(message);
    }
    // Refused from its Content-Length, before a byte more is read.
    const tooBig = await answerBeforeBody(session.api, 'PUT', path, {
      contentLength: 21 * 1024 * 1024,
      sent: Buffer.alloc(1024),
      cookie: editor.cookie,
      contentType: 'audio/mpeg',
    });
    expect(tooBig).toMatchObject({
      status: 413,
      body: { error: 'audio_rejected', reason: 'too_big', message: 'The file is 21 MB; the limit is 20 MB.' },
    });
    const unknownPrompt = await uploadAudio(
      session.api,
      editor,
      '/api/prompts/no-such-prompt/audio/en',
      await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] }),
      'audio/wav',
    );
    expect(unknownPrompt.status).toBe(404);
    expect(await audioCounts(session.api)).toEqual(before);
  });

  it('speaks a sentence into a prompt, lists voices, and previews speech saying variables by name', async () => {
    const { editor, viewer } = session.as;
    const prompt = await newPrompt('Spoken');
    const spoken = await editor.put<PromptView>(`/api/prompts/${prompt.id}/speech/en`, {
      text: 'Thank you for calling.',
      voice: null,
    });
    expect(spoken.status).toBe(200);
    expect(spoken.body.audio[0]).toMatchObject({
      language: 'en',
      source: 'speech',
      speechText: 'Thank you for calling.',
    });
    expect(spoken.body.audio[0]?.durationMs).toBeGreaterThan(300);

    const voices = await viewer.get<{ engine: string; voices: { id: string; language: string }[] }>(
      '/api/speech/voices?language=en',
    );
    expect(voices.status).toBe(200);
    expect(voices.body.engine).toBe('espeak-ng');
    expect(voices.body.voices.length).toBeGreaterThan(0);
    expect(voices.body.voices.every((voice) => voice.language.split('_')[0] === 'en')).toBe(true);

    const preview = await fileAnswer(session.api, viewer, '/api/speech/preview', {
      text: 'Your balance is {{vars.balance}}',
      language: 'en',
      voice: null,
    });
    expect(preview.status).toBe(200);
    expect(wavFormat(preview.bytes).sampleRate).toBe(16000);
    const refused = await viewer.post<ErrorView>('/api/speech/preview', { text: ' ', language: 'en' });
    expect(refused.status).toBe(400);
    expect(refused.body.problems?.[0]?.path).toBe('body.text');
  });

  it("removes one language's audio, deletes an unused prompt with its audio, and audits each change", async () => {
    const { editor, viewer, admin } = session.as;
    const prompt = await newPrompt('Short lived');
    const tone = await makeTestAudio({
      format: 'wav',
      segments: [{ kind: 'tone', seconds: 1 }],
      volume: 0.3,
    });
    for (const language of ['en', 'ru'])
      expect(
        (
          await uploadAudio(
            session.api,
            editor,
            `/api/prompts/${prompt.id}/audio/${language}`,
            tone,
            'audio/wav',
          )
        ).status,
      ).toBe(200);
    // The same file twice: one stored clip.
    const [first, second] = (await viewer.get<PromptView>(`/api/prompts/${prompt.id}`)).body.audio;
    expect(first?.hash).toBe(second?.hash);
    expect(await session.api.db.prisma.audio.count({ where: { hash: first?.hash ?? '' } })).toBe(1);

    expect((await viewer.delete(`/api/prompts/${prompt.id}/audio/ru`)).status).toBe(403);
    expect((await editor.delete(`/api/prompts/${prompt.id}/audio/ru`)).status).toBe(204);
    expect((await editor.delete(`/api/prompts/${prompt.id}/audio/ru`)).status).toBe(404);
    expect((await fileAnswer(session.api, viewer, `/api/prompts/${prompt.id}/audio/ru/file`)).status).toBe(
      404,
    );
    expect(
      (await viewer.get<PromptView>(`/api/prompts/${prompt.id}`)).body.audio.map((audio) => audio.language),
    ).toEqual(['en']);

    expect((await editor.delete(`/api/prompts/${prompt.id}`)).status).toBe(204);
    expect((await viewer.get(`/api/prompts/${prompt.id}`)).status).toBe(404);
    // Nothing played it and no version pinned it: the clip is gone with it.
    expect(await session.api.db.prisma.audio.count({ where: { hash: first?.hash ?? '' } })).toBe(0);

    const audit = await admin.get<{ items: { actor: string; action: string; target: string }[] }>(
      '/api/audit?limit=20',
    );
    const changes = audit.body.items.filter((item) => item.target === prompt.id).map((item) => item.action);
    expect(changes).toEqual([
      'prompt_delete',
      'prompt_audio_delete',
      'prompt_audio_set',
      'prompt_audio_set',
      'prompt_create',
    ]);
    expect(audit.body.items.find((item) => item.target === prompt.id)?.actor).toBe(editor.username);
  });

  it('lets a viewer list and listen, but not create, upload or speak', async () => {
    const { viewer, anonymous } = session.as;
    const before = await audioCounts(session.api);
    expect((await viewer.post('/api/prompts', { name: 'Not mine' })).status).toBe(403);
    const prompt = await newPrompt('Viewer target');
    const tone = await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] });
    expect(
      (await uploadAudio(session.api, viewer, `/api/prompts/${prompt.id}/audio/en`, tone, 'audio/wav'))
        .status,
    ).toBe(403);
    expect(
      (await uploadAudio(session.api, anonymous, `/api/prompts/${prompt.id}/audio/en`, tone, 'audio/wav'))
        .status,
    ).toBe(401);
    expect((await viewer.put(`/api/prompts/${prompt.id}/speech/en`, { text: 'Hello' })).status).toBe(403);
    expect(await audioCounts(session.api)).toEqual(before);
  });
});
