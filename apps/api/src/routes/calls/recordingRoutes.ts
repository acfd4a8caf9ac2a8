import type { StoredRecordingFile } from '@callflow/ari';
import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import {
  callRecordings,
  listStoredRecordings,
  readRecordingFile,
} from '../../services/recordings/recordings.ts';
import { sendRecordingFile } from './sendRecordingFile.ts';

export const recordingRoutes = {
  callRecordings: implement(endpoints.callRecordings).with(async ({ params, services }) => ({
    status: 200,
    body: await callRecordings(services, params.callId),
  })),

  listRecordings: implement(endpoints.listRecordings).with(async ({ query, services }) => ({
    status: 200,
    body: await listStoredRecordings(services, query.prefix),
  })),

  recordingFile: implement(endpoints.recordingFile).with(
    async ({ params, query, services, request, response }) => {
      // A client that goes away cancels the download from Asterisk.
      const gone = new AbortController();
      const onClose = () => gone.abort();
      response.once('close', onClose);
      let file: StoredRecordingFile;
      try {
        file = await readRecordingFile(services, params.name, query.server, gone.signal);
      } catch (error) {
        if (gone.signal.aborted) return 'handled';
        throw error;
      } finally {
        response.off('close', onClose);
      }
      sendRecordingFile(request, response, params.name, file);
      return 'handled';
    },
  ),
};
