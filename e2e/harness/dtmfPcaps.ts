import { readFile, writeFile } from 'node:fs/promises';

const pcapDir = '/usr/share/sip-tester';
const pcapName: Record<string, string> = { '*': 'star', '#': 'pound' };

// Offsets in sip-tester's DTMF captures: pcap global header, then per packet a 16-byte record header
// followed by Ethernet (14) + IPv4 (20) + UDP (8) + RTP.
const globalHeaderBytes = 24;
const recordHeaderBytes = 16;
const udpChecksumOffset = 14 + 20 + 6;
const rtpOffset = 14 + 20 + 8;

/**
 * sip-tester ships one capture per digit, all cut from one RTP stream (same SSRC, increasing sequence
 * numbers in the order 1..9, *, #, 0). Played as they are, a later digit with a lower sequence number
 * is dropped by Asterisk as a late packet, so "9 then 8" loses the 8. This writes, for each digit
 * of a call, a copy whose RTP sequence numbers and timestamps continue from the previous digit.
 * Returns the files, in order.
 */
export async function writeDtmfPcaps(digits: string, pathPrefix: string): Promise<string[]> {
  const files: string[] = [];
  let nextSeq = 1000;
  let nextTimestamp = 160_000;
  for (const [index, digit] of [...digits].entries()) {
    if (!/^[0-9*#]$/.test(digit)) throw new Error(`"${digit}" is not a DTMF digit`);
    const capture = Buffer.from(await readFile(`${pcapDir}/dtmf_2833_${pcapName[digit] ?? digit}.pcap`));
    let offset = globalHeaderBytes;
    let firstSeq: number | undefined;
    let firstTimestamp: number | undefined;
    let maxSeq = nextSeq;
    while (offset + recordHeaderBytes <= capture.length) {
      const length = capture.readUInt32LE(offset + 8);
      const packet = offset + recordHeaderBytes;
      const rtp = packet + rtpOffset;
      const seq = capture.readUInt16BE(rtp + 2);
      const timestamp = capture.readUInt32BE(rtp + 4);
      firstSeq ??= seq;
      firstTimestamp ??= timestamp;
      const newSeq = (nextSeq + seq - firstSeq) & 0xffff;
      capture.writeUInt16BE(newSeq, rtp + 2);
      capture.writeUInt32BE((nextTimestamp + timestamp - firstTimestamp) >>> 0, rtp + 4);
      // Zero means "no checksum" for UDP over IPv4; the old one would no longer match.
      capture.writeUInt16BE(0, packet + udpChecksumOffset);
      maxSeq = Math.max(maxSeq, newSeq);
      offset = packet + length;
    }
    nextSeq = maxSeq + 1;
    nextTimestamp += 16_000;
    const file = `${pathPrefix}-${index}.pcap`;
    await writeFile(file, capture);
    files.push(file);
  }
  return files;
}
