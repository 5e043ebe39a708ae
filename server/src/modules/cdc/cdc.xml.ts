// XML writers for the CDC's deposit format, one per schema version behind one interface, so that a second
// version (1.1.5: `flux/action` CREATION / SUPPRESSION, identification by NIR) can be added beside 1.1.2
// without touching the export. Writers only produce strings from already-resolved, already-normalised
// values (cdc.rules.ts); every text node and attribute goes through `escapeXml`.
import type { ResolvedPassage } from './cdc.rules.ts';

export interface FluxHeader {
  /** 1 to 50 characters: the batch id. It comes back in the processing report. */
  idFlux: string;
  /** When the file was produced. */
  at: Date;
  clientId: string;
  contractId: string;
}

export interface CertificationHeader {
  /** "RS" or "RNCP". */
  type: string;
  /** e.g. "RS5302". */
  code: string;
}

/** Writes one flux as chunks: header, then per certification its open tag, passages and close tag, then footer. */
export interface CdcXmlWriter {
  readonly version: string;
  readonly namespace: string;
  header(flux: FluxHeader): string;
  openCertification(certification: CertificationHeader): string;
  passage(passage: ResolvedPassage): string;
  closeCertification(): string;
  footer(): string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content and attribute values. */
export function escapeXml(value: string): string {
  return /[&<>"']/.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c]) : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `horodatage`: local time in Europe/Paris with its offset, e.g. 2026-12-01T14:05:09+01:00 (the XSD pattern
 * wants an explicit ±hh:mm offset and no fraction).
 */
export function horodatage(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(parts.timeZoneName ?? '')?.[1] ?? '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

const el = (name: string, value: string) => `<cpf:${name}>${escapeXml(value)}</cpf:${name}>`;
const nil = (name: string) => `<cpf:${name} xsi:nil="true"/>`;
const elOrNil = (name: string, value: string | null) => (value === null ? nil(name) : el(name, value));
const opt = (name: string, value: string | null) => (value === null ? '' : el(name, value));

/** Version 1.1.2 (namespace urn:cdc:cpf:pc5:schema:1.0.0, root `flux`). */
export const cdcWriter112: CdcXmlWriter = {
  version: '1.1.2',
  namespace: 'urn:cdc:cpf:pc5:schema:1.0.0',
  header(flux) {
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<cpf:flux xmlns:cpf="${this.namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
      `${el('idFlux', flux.idFlux)}${el('horodatage', horodatage(flux.at))}\n` +
      `<cpf:emetteur>${el('idClient', flux.clientId)}<cpf:certificateurs><cpf:certificateur>` +
      `${el('idClient', flux.clientId)}${el('idContrat', flux.contractId)}\n<cpf:certifications>\n`
    );
  },
  openCertification(certification) {
    return (
      `<cpf:certification>${el('type', certification.type)}${el('code', certification.code)}` +
      `${el('natureDeposant', 'CERTIFICATEUR')}\n<cpf:passageCertifications>\n`
    );
  },
  passage(p) {
    let identification: string;
    if (p.identity.kind === 'titulaire') {
      const t = p.identity.titulaire;
      // Born abroad: no INSEE commune code and a nil postal code (the element is required), the country below.
      const commune = t.codeInsee !== null
        ? `<cpf:codeInseeNaissance>${el('codeInsee', t.codeInsee)}</cpf:codeInseeNaissance>`
        : `<cpf:codePostalNaissance>${elOrNil('codePostal', t.codePostal)}</cpf:codePostalNaissance>`;
      identification =
        '<cpf:titulaire>' +
        el('nomNaissance', t.nomNaissance) +
        elOrNil('nomUsage', t.nomUsage) +
        el('prenom1', t.prenom1) +
        opt('prenom2', t.prenom2) +
        opt('prenom3', t.prenom3) +
        el('anneeNaissance', String(t.anneeNaissance)) +
        el('moisNaissance', String(t.moisNaissance)) +
        el('jourNaissance', String(t.jourNaissance)) +
        el('sexe', t.sexe) +
        `<cpf:codeCommuneNaissance>${commune}</cpf:codeCommuneNaissance>` +
        opt('libelleCommuneNaissance', t.libelleCommuneNaissance) +
        opt('codePaysNaissance', t.codePaysNaissance) +
        opt('libellePaysNaissance', t.libellePaysNaissance) +
        '</cpf:titulaire>';
    } else {
      const d = p.identity.dossierFormation;
      identification =
        '<cpf:dossierFormation>' +
        el('idDossier', d.idDossier) +
        el('nomTitulaire', d.nomTitulaire) +
        el('prenom1Titulaire', d.prenom1Titulaire) +
        '</cpf:dossierFormation>';
    }
    return (
      '<cpf:passageCertification>' +
      el('idTechnique', p.idTechnique) +
      opt('urlPreuve', p.urlPreuve) +
      el('obtentionCertification', 'PAR_ADMISSION') +
      el('donneeCertifiee', 'true') +
      el('dateDebutValidite', p.dateDebutValidite) +
      elOrNil('dateFinValidite', p.dateFinValidite) +
      el('presenceNiveauLangueEuro', 'false') +
      el('presenceNiveauNumeriqueEuro', 'false') +
      nil('scoring') +
      nil('mentionValidee') +
      `<cpf:modalitesInscription>${elOrNil('modaliteAcces', p.modaliteAcces)}</cpf:modalitesInscription>` +
      `<cpf:identificationTitulaire>${identification}</cpf:identificationTitulaire>` +
      '</cpf:passageCertification>\n'
    );
  },
  closeCertification() {
    return '</cpf:passageCertifications>\n</cpf:certification>\n';
  },
  footer() {
    return '</cpf:certifications>\n</cpf:certificateur></cpf:certificateurs></cpf:emetteur>\n</cpf:flux>\n';
  },
};

/** Writers by schema version. Add 1.1.5 here; `CURRENT_CDC_SCHEMA_VERSION` picks the one used for exports. */
export const CDC_WRITERS: Record<string, CdcXmlWriter> = { [cdcWriter112.version]: cdcWriter112 };
export const CURRENT_CDC_SCHEMA_VERSION = '1.1.2';

export function cdcWriter(version: string = CURRENT_CDC_SCHEMA_VERSION): CdcXmlWriter {
  const writer = CDC_WRITERS[version];
  if (!writer) throw new Error(`no CDC writer for schema version ${version}`);
  return writer;
}
