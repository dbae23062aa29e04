import { execFileSync } from 'node:child_process';

export interface XmlElement {
  readonly tag: string;
  readonly attributes: Record<string, string>;
  readonly text: string;
}

/**
 * Parses an XML document with a real, independent XML parser (Python's
 * xml.etree, Debian's python3) and returns every element in document order.
 * Throws with the parser's message when the document is not well-formed.
 */
export function parseXml(text: string): XmlElement[] {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    'print(json.dumps([{"tag": e.tag, "attributes": e.attrib, "text": e.text or ""} for e in root.iter()]))',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script], { input: text, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as XmlElement[];
}
