import * as catalog from '@callflow/catalog';
import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { abortWhenClientLeaves } from '../../services/prompts/abortWhenClientLeaves.ts';
import { setPromptSpeech, uploadPromptAudio } from '../../services/prompts/promptAudioChanges.ts';
import { sendRecordingFile } from '../calls/sendRecordingFile.ts';

/**
 * The prompt library: prompts and their audio per language. Every change is the catalog's (one lock,
 * one audit entry); conversions and renderings run before it, bounded (services.prompts.work).
 */
export const promptRoutes = {
  listPrompts: implement(endpoints.listPrompts).with(async ({ query, services }) => ({
    status: 200,
    body: await catalog.listPrompts(services.db, query.search),
  })),

  createPrompt: implement(endpoints.createPrompt).with(async ({ body, user, services }) => ({
    status: 201,
    body: await catalog.createPrompt(services.db, body, loggedIn(user).username),
  })),

  getPrompt: implement(endpoints.getPrompt).with(async ({ params, services }) => ({
    status: 200,
    body: await catalog.getPrompt(services.db, params.promptId),
  })),

  updatePrompt: implement(endpoints.updatePrompt).with(async ({ params, body, user, services }) => ({
    status: 200,
    body: await catalog.updatePrompt(services.db, params.promptId, body, loggedIn(user).username),
  })),

  deletePrompt: implement(endpoints.deletePrompt).with(async ({ params, user, services }) => {
    await catalog.deletePrompt(services.db, params.promptId, loggedIn(user).username);
    return { status: 204 };
  }),

  uploadPromptAudio: implement(endpoints.uploadPromptAudio).with(
    async ({ params, query, body, user, services, response }) => ({
      status: 200,
      body: await uploadPromptAudio(
        services,
        params,
        body,
        query,
        loggedIn(user),
        abortWhenClientLeaves(response),
      ),
    }),
  ),

  setPromptSpeech: implement(endpoints.setPromptSpeech).with(
    async ({ params, body, user, services, response }) => ({
      status: 200,
      body: await setPromptSpeech(services, params, body, loggedIn(user), abortWhenClientLeaves(response)),
    }),
  ),

  deletePromptAudio: implement(endpoints.deletePromptAudio).with(async ({ params, user, services }) => {
    await catalog.deletePromptAudio(services.db, params, loggedIn(user).username);
    return { status: 204 };
  }),

  promptAudioFile: implement(endpoints.promptAudioFile).with(
    async ({ params, query, services, request, response }) => {
      const { file } = await catalog.readPromptAudioFile(services.db, params, query.format);
      sendRecordingFile(request, response, `prompt-${params.language}`, {
        contentType: 'audio/wav',
        bytes: file,
      });
      return 'handled';
    },
  ),

  promptChanges: implement(endpoints.promptChanges).with(async ({ params, query, services }) => ({
    status: 200,
    body: await catalog.promptChanges(services.db, params.flowId, query.extension),
  })),
};
