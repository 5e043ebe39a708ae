// The skills portfolio ("portefeuille de compétences", seed 003) as a PDF: A4 portrait, the holder, the CléA
// certification, every module validated so far with its date, and the modules still to train. Same fonts and
// text helpers as the certificate PDF (certificate.pdf.ts): WinAnsi Helvetica, wrapped lines.
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { encodable, frenchDate, wrap } from '../certificate/certificate.pdf.ts';

export interface PortfolioPdfInput {
  portfolioId: string;
  holderName: string;
  issuerName: string;
  certificationCode: string;
  certificationTitle: string;
  issuedAt: Date;
  validated: { code: string; title: string; validatedAt: Date }[];
  remaining: { code: string; title: string }[];
}

const WIDTH = 595.28;
const HEIGHT = 841.89;
const INK = rgb(0.12, 0.16, 0.3);
const MUTED = rgb(0.35, 0.38, 0.45);

export async function renderPortfolioPdf(input: PortfolioPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Portefeuille de compétences — ${input.certificationTitle}`);
  pdf.setAuthor(input.issuerName);
  pdf.setSubject(input.portfolioId);
  pdf.setCreationDate(input.issuedAt);
  const page = pdf.addPage([WIDTH, HEIGHT]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const clean = encodable(regular);
  const left = 60;
  const maxWidth = WIDTH - 2 * left;
  let y = HEIGHT - 70;
  const line = (text: string, font = regular, size = 11, color = INK, indent = 0) => {
    for (const part of wrap(clean(text), font, size, maxWidth - indent)) {
      page.drawText(part, { x: left + indent, y, size, font, color });
      y -= size + 5;
    }
  };

  page.drawRectangle({ x: 30, y: 30, width: WIDTH - 60, height: HEIGHT - 60, borderColor: INK, borderWidth: 1.5 });
  line(input.issuerName, bold, 13, MUTED);
  y -= 18;
  line('PORTEFEUILLE DE COMPÉTENCES', bold, 22);
  line('Skills portfolio', regular, 11, MUTED);
  y -= 10;
  line(`${input.certificationTitle} (${input.certificationCode})`, bold, 14);
  y -= 10;
  line(`Titulaire · Holder : ${input.holderName}`, regular, 12);
  line(`Délivré le ${frenchDate(input.issuedAt)}`, regular, 11, MUTED);
  y -= 16;
  line(`Modules validés (${input.validated.length} sur ${input.validated.length + input.remaining.length}) · Validated modules`, bold, 13);
  y -= 2;
  for (const module of input.validated) line(`- ${module.code} — ${module.title} (validé le ${frenchDate(module.validatedAt)})`, regular, 11, INK, 10);
  if (input.remaining.length) {
    y -= 12;
    line('Modules restant à valider · Modules still to validate', bold, 13);
    y -= 2;
    for (const module of input.remaining) line(`- ${module.code} — ${module.title}`, regular, 11, INK, 10);
    y -= 6;
    line('Un parcours de formation est proposé pour ces modules, avant une évaluation finale dans le délai de 5 ans ouvert par l’évaluation préalable.', regular, 10, MUTED);
  }
  page.drawText(`Identifiant du portefeuille : ${input.portfolioId}`, { x: left, y: 50, size: 8, font: regular, color: MUTED });
  return pdf.save();
}
