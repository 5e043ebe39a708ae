// The printable rendering of a certificate: A4 landscape, pdf-lib's standard Helvetica (WinAnsi covers French
// accents; any other character is replaced, never dropped silently into a broken PDF), the holder, the
// certification and its blocks, the date, the issuer, the credential id and a QR code to the verification page.
// The signed JSON remains the proof; the PDF says where to check it.
import { PDFDocument, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

export interface CertificatePdfInput {
  certificateId: string;
  holderName: string;
  issuerName: string;
  certificationCode: string;
  certificationTitle: string;
  /** The block this certificate is for, or null (whole certification). */
  block: { code: string; title: string } | null;
  validatedBlocks: { code: string; title: string }[];
  issuedAt: Date;
  juryDate: Date | null;
  verificationUrl: string;
  revokedAt: Date | null;
}

const WIDTH = 841.89;
const HEIGHT = 595.28;
const INK = rgb(0.12, 0.16, 0.3);
const MUTED = rgb(0.35, 0.38, 0.45);

export const frenchDate = (date: Date) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);

/** Keeps what the font can encode (WinAnsi); anything else becomes '?'. */
export function encodable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (text) =>
    [...text.normalize('NFC')]
      .map((char) => (supported.has(char.codePointAt(0)!) ? char : char === '\u202f' || char === '\u00a0' ? ' ' : '?'))
      .join('');
}

export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function centred(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = INK) {
  page.drawText(text, { x: (WIDTH - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color });
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Certificat — ${input.certificationTitle}`);
  pdf.setAuthor(input.issuerName);
  pdf.setSubject(input.certificateId);
  pdf.setCreationDate(input.issuedAt);
  const page = pdf.addPage([WIDTH, HEIGHT]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const clean = encodable(regular);

  page.drawRectangle({ x: 24, y: 24, width: WIDTH - 48, height: HEIGHT - 48, borderColor: INK, borderWidth: 2 });
  page.drawRectangle({ x: 32, y: 32, width: WIDTH - 64, height: HEIGHT - 64, borderColor: MUTED, borderWidth: 0.5 });

  centred(page, clean(input.issuerName), HEIGHT - 80, bold, 16, MUTED);
  centred(page, input.block ? 'CERTIFICAT DE BLOC DE COMPÉTENCES' : 'CERTIFICAT', HEIGHT - 130, bold, 30);
  centred(page, input.block ? 'Certificate of a block of competences' : 'Certificate', HEIGHT - 152, regular, 12, MUTED);
  centred(page, 'décerné à  ·  awarded to', HEIGHT - 190, regular, 12, MUTED);
  centred(page, clean(input.holderName), HEIGHT - 225, bold, 28);

  let y = HEIGHT - 268;
  for (const line of wrap(clean(`${input.certificationTitle} (${input.certificationCode})`), bold, 17, WIDTH - 200)) {
    centred(page, line, y, bold, 17);
    y -= 22;
  }
  const blocks = input.block ? [input.block] : input.validatedBlocks;
  if (blocks.length) {
    y -= 4;
    centred(page, input.block ? 'Bloc validé :' : 'Blocs de compétences validés :', y, regular, 11, MUTED);
    y -= 16;
    for (const block of blocks.slice(0, 8)) {
      for (const line of wrap(clean(`${block.code} — ${block.title}`), regular, 11, WIDTH - 260)) {
        centred(page, line, y, regular, 11);
        y -= 14;
      }
    }
  }

  const left = 70;
  page.drawText(clean(`Délivré le ${frenchDate(input.issuedAt)}${input.juryDate ? ` (jury du ${frenchDate(input.juryDate)})` : ''}`), { x: left, y: 118, size: 11, font: regular, color: INK });
  page.drawText(clean(`Organisme certificateur : ${input.issuerName}`), { x: left, y: 102, size: 11, font: regular, color: INK });
  page.drawText(`Identifiant du certificat : ${input.certificateId}`, { x: left, y: 86, size: 9, font: regular, color: MUTED });
  page.drawText(clean(`Vérifier · Verify : ${input.verificationUrl}`), { x: left, y: 72, size: 9, font: regular, color: MUTED });
  page.drawText('Signé électroniquement (Open Badges 3.0, Ed25519) : la preuve est le fichier JSON du certificat.', { x: left, y: 58, size: 8, font: regular, color: MUTED });

  const qr = await pdf.embedPng(await QRCode.toBuffer(input.verificationUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }));
  page.drawImage(qr, { x: WIDTH - 70 - 96, y: 52, width: 96, height: 96 });

  if (input.revokedAt) {
    const stamp = `RÉVOQUÉ LE ${frenchDate(input.revokedAt).toUpperCase()}`;
    page.drawText(clean(stamp), {
      x: WIDTH / 2 - bold.widthOfTextAtSize(clean(stamp), 40) / 2 + 30,
      y: HEIGHT / 2 - 60,
      size: 40,
      font: bold,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.55,
      rotate: degrees(18),
    });
  }
  return pdf.save();
}
