// XSD validation with libxml2 compiled to WebAssembly (npm `xmllint-wasm`): no Debian xmllint needed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const CDC_XSD_PATH = resolve(import.meta.dirname, '../fixtures/cdc/cdc-certifications-1.1.2.xsd');

/** Validates against the CDC's 1.1.2 schema; `errors` are xmllint's messages. */
export async function validateCdcXml(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'export.xml', contents: xml }],
    schema: [{ fileName: 'cdc-certifications-1.1.2.xsd', contents: readFileSync(CDC_XSD_PATH, 'utf8') }],
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}
