import { readFile, rm, writeFile } from 'node:fs/promises';
import { PCAP_DIR } from './runSipp.ts';

/**
 * Rewrites sipp's captures into one continuous RTP stream per call. sip-tester's DTMF
 * captures are cut from a single stream (same SSRC; sequence numbers rising in the order
 * 1..9, *, #, 0; one fixed RTP timestamp per digit). Played as they are, a digit whose
 * packets carry lower sequence numbers than the previous one ("9" then "8") is dropped by
 * Asterisk as late, and a repeated digit ("11") reuses the event timestamp and is taken
 * for the same event. Each copy written here continues the sequence numbers, places the
 * timestamp at the time the capture is played, and uses one SSRC for the whole call.
 */
export class RtpStream {
  private nextSeq = Math.floor(Math.random() * 0x8000);
  private readonly tsBase = Math.floor(Math.random() * 0x40000000);
  private readonly ssrc = (Math.floor(Math.random() * 0xffffffff) | 1) >>> 0;
  private count = 0;
  readonly files: string[] = [];

  constructor(private readonly pathPrefix: string) {}

  /** Writes the rewritten copy of `capture` (file name in PCAP_DIR) and returns its path. */
  async write(capture: string, atMs: number, maxMs?: number): Promise<string> {
    const src = await readFile(`${PCAP_DIR}/${capture}`);
    const out = Buffer.from(src);
    const magic = out.readUInt32LE(0);
    const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
    const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
    const u32 = (off: number): number => (le ? out.readUInt32LE(off) : out.readUInt32BE(off));
    const linkHeader = LINK_HEADER_BYTES[u32(20)];
    if (linkHeader === undefined) throw new Error(`${capture}: unsupported pcap link type ${u32(20)}`);
    let offset = 24;
    let end = offset;
    let firstTime: number | undefined;
    let firstSeq: number | undefined;
    let firstTs: number | undefined;
    let maxDelta = 0;
    while (offset + 16 <= out.length) {
      const time = u32(offset) * 1000 + u32(offset + 4) / (nanos ? 1e6 : 1e3);
      const caplen = u32(offset + 8);
      firstTime ??= time;
      if (maxMs !== undefined && time - firstTime >= maxMs) break;
      const ip = offset + 16 + linkHeader;
      const udp = ip + ((out[ip] ?? 0x45) & 0x0f) * 4;
      const rtp = udp + 8;
      if (rtp + 12 <= offset + 16 + caplen) {
        const seq = out.readUInt16BE(rtp + 2);
        const ts = out.readUInt32BE(rtp + 4);
        firstSeq ??= seq;
        firstTs ??= ts;
        const delta = (seq - firstSeq) & 0xffff;
        maxDelta = Math.max(maxDelta, delta);
        out.writeUInt16BE((this.nextSeq + delta) & 0xffff, rtp + 2);
        out.writeUInt32BE((this.tsBase + Math.round(atMs * 8) + (ts - firstTs)) >>> 0, rtp + 4);
        out.writeUInt32BE(this.ssrc, rtp + 8);
        // 0 = "no checksum" for UDP over IPv4; the captured one no longer matches.
        out.writeUInt16BE(0, udp + 6);
      }
      offset += 16 + caplen;
      end = offset;
    }
    this.nextSeq = (this.nextSeq + maxDelta + 1) & 0xffff;
    const file = `${this.pathPrefix}.rtp${++this.count}.pcap`;
    await writeFile(file, out.subarray(0, end));
    this.files.push(file);
    return file;
  }

  async removeFiles(): Promise<void> {
    await Promise.all(this.files.map((f) => rm(f, { force: true })));
  }
}

/** Bytes before the IPv4 header, by pcap link type: null/loopback, Ethernet, raw IP, Linux cooked. */
const LINK_HEADER_BYTES: Record<number, number> = { 0: 4, 1: 14, 101: 0, 113: 16 };
