import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { abortWhenClientLeaves } from '../../services/prompts/abortWhenClientLeaves.ts';
import { listSpeechVoices, speechPreview } from '../../services/prompts/speechPreview.ts';
import { stockSoundFile, stockSoundList } from '../../services/prompts/stockSoundList.ts';
import { sendRecordingFile } from '../calls/sendRecordingFile.ts';

/** Text-to-speech previews and voices, and Asterisk's own sounds to pick from and listen to. */
export const speechRoutes = {
  speechPreview: implement(endpoints.speechPreview).with(async ({ body, services, request, response }) => {
    const wav = await speechPreview(services, body, abortWhenClientLeaves(response));
    sendRecordingFile(request, response, 'preview', { contentType: 'audio/wav', bytes: wav });
    return 'handled';
  }),

  listSpeechVoices: implement(endpoints.listSpeechVoices).with(async ({ query, services }) => ({
    status: 200,
    body: await listSpeechVoices(services, query.language),
  })),

  listStockSounds: implement(endpoints.listStockSounds).with(async ({ query, services }) => ({
    status: 200,
    body: await stockSoundList(services, query),
  })),

  stockSoundFile: implement(endpoints.stockSoundFile).with(
    async ({ params, query, services, request, response }) => {
      const wav = await stockSoundFile(services, params.name, query.language);
      sendRecordingFile(request, response, params.name, { contentType: 'audio/wav', bytes: wav });
      return 'handled';
    },
  ),
};
