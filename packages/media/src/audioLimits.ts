/** The largest audio file accepted: 20 MiB. Bigger uploads are refused before anything runs. */
export const maxAudioUploadBytes = 20 * 1024 * 1024;

/** The longest prompt, in seconds, unless the caller asks for less. */
export const defaultMaxAudioSeconds = 300;

/** How many values a waveform has. */
export const peakCount = 120;

/** The file types people can upload, as the messages name them. */
export const acceptedAudioTypes = 'WAV, MP3, OGG, M4A, WebM or FLAC';

/** Anything quieter than -60 dBFS throughout is silence. */
export const silencePeak = 0.001;
