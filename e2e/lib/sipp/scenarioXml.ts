// The pieces of sipp XML scenarios that the caller (callerScenario.ts) and the callees (callee.ts)
// both write.

/** SDP offered or answered: PCMA first (matches sipp's g711a.pcap), PCMU, RFC 4733 events. */
export function sdp(origin: string): string {
  return `v=0
o=${origin} 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 0 101
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=sendrecv
`;
}

export function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The scenario's opening lines, with `comment` saying what generated it. */
export function scenarioHead(name: string, comment: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<!-- ${comment} -->
<scenario name="${name}">
`;
}

export function send(message: string, attrs = ''): string {
  return `  <send${attrs ? ` ${attrs}` : ''}>\n    <![CDATA[\n\n${message.trim()}\n\n    ]]>\n  </send>\n`;
}

/** 200 OK to the request just received (a BYE or a CANCEL); the caller's Contact has no user. */
export function okToRequest(contactUser?: string): string {
  return `SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:${contactUser === undefined ? '' : `${contactUser}@`}[local_ip]:[local_port];transport=[transport]>
Content-Length: 0`;
}

/** A BYE of this side's own, with `from` and `to` as the dialog has them from this side. */
export function bye(requestUri: string, from: string, to: string, contactUser: string): string {
  return `BYE ${requestUri} SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
${from}
${to}
[last_Call-ID:]
CSeq: 2 BYE
Contact: <sip:${contactUser}@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Length: 0`;
}

/**
 * The end of an answered call: `remote_bye` answers the other side's BYE; `end` is where a BYE of this
 * side's own, once answered, jumps to.
 */
export function callEnd(contactUser?: string): string {
  return (
    '  <label id="remote_bye"/>\n' +
    send(okToRequest(contactUser)) +
    '  <label id="end"/>\n' +
    // A final no-op so the label has something to point at.
    '  <nop>\n    <action>\n      <log message="call ended"/>\n    </action>\n  </nop>\n' +
    '</scenario>\n'
  );
}
