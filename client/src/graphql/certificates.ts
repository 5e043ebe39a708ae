// Verifiable certificates (issue 6): operations and their types.
import { gql } from '@urql/core';
import type { Outcome } from './types';

export interface Certificate {
  id: string;
  name: string;
  scope: string;
  blockCodes: string[];
  holderName: string;
  certificationCode: string;
  certificationTitle: string;
  issuerName: string;
  issuedAt: string;
  issueBy: string;
  revoked: boolean;
  revokedAt: string | null;
  revocationReason: string | null;
  credentialUrl: string;
  pdfPath: string;
  verificationUrl: string;
  linkedInAddUrl: string;
}

export type CertificateCheckName = 'FORMAT' | 'SIGNATURE' | 'KNOWN_KEY' | 'NOT_REVOKED' | 'MATCHES_RECORD';

export interface CertificateVerification {
  valid: boolean;
  certificateId: string | null;
  revoked: boolean;
  revokedAt: string | null;
  revocationReason: string | null;
  issuerName: string | null;
  holderName: string | null;
  achievementName: string | null;
  issuedAt: string | null;
  checks: { name: CertificateCheckName; ok: boolean; message: string }[];
}

export interface CertificateToIssue {
  decisionId: string;
  attemptId: string;
  candidateName: string;
  certificationCode: string;
  certificationTitle: string;
  outcome: Outcome;
  juryDate: string;
  issueBy: string;
  missingScopes: string[];
  resultPublished: boolean;
  daysLeft: number;
  late: boolean;
  atRisk: boolean;
}

export interface IssuerSigningKey {
  id: string;
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt: string | null;
}

const CERTIFICATE_FIELDS = gql`
  fragment CertificateFields on Certificate {
    id
    name
    scope
    blockCodes
    holderName
    certificationCode
    certificationTitle
    issuerName
    issuedAt
    issueBy
    revoked
    revokedAt
    revocationReason
    credentialUrl
    pdfPath
    verificationUrl
    linkedInAddUrl
  }
`;

const VERIFICATION_FIELDS = gql`
  fragment CertificateVerificationFields on CertificateVerification {
    valid
    certificateId
    revoked
    revokedAt
    revocationReason
    issuerName
    holderName
    achievementName
    issuedAt
    checks {
      name
      ok
      message
    }
  }
`;

/** The candidate's certificates, per attempt. */
export const MyCertificatesQuery = gql<{ myAttempts: { id: string; certificates: Certificate[] }[] }, Record<string, never>>`
  query MyCertificates {
    myAttempts {
      id
      certificates {
        ...CertificateFields
      }
    }
  }
  ${CERTIFICATE_FIELDS}
`;

/** Public verification page: what the certificate states and its verification. */
export const VerifyCertificateQuery = gql<{ certificate: Certificate | null; verifyCertificate: CertificateVerification | null }, { id: string }>`
  query VerifyCertificate($id: ID!) {
    certificate(id: $id) {
      ...CertificateFields
    }
    verifyCertificate(id: $id) {
      ...CertificateVerificationFields
    }
  }
  ${CERTIFICATE_FIELDS}
  ${VERIFICATION_FIELDS}
`;

/** Public: verifies a pasted or uploaded credential. */
export const VerifyCredentialQuery = gql<{ verifyCredential: CertificateVerification }, { credential: unknown }>`
  query VerifyCredential($credential: JSON!) {
    verifyCredential(credential: $credential) {
      ...CertificateVerificationFields
    }
  }
  ${VERIFICATION_FIELDS}
`;

export const CertificatesToIssueQuery = gql<{ certificatesToIssue: CertificateToIssue[]; recentCertificates: Certificate[]; signingKeys: IssuerSigningKey[] }, Record<string, never>>`
  query CertificatesToIssue {
    certificatesToIssue {
      decisionId
      attemptId
      candidateName
      certificationCode
      certificationTitle
      outcome
      juryDate
      issueBy
      missingScopes
      resultPublished
      daysLeft
      late
      atRisk
    }
    recentCertificates(first: 10) {
      ...CertificateFields
    }
    signingKeys {
      id
      publicKeyMultibase
      createdAt
      retiredAt
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const IssueCertificatesMutation = gql<{ issueCertificates: { id: string }[] }, { attemptId: string }>`
  mutation IssueCertificates($attemptId: ID!) {
    issueCertificates(attemptId: $attemptId) {
      id
    }
  }
`;

export const RevokeCertificateMutation = gql<{ revokeCertificate: Certificate }, { id: string; reason: string }>`
  mutation RevokeCertificate($id: ID!, $reason: String!) {
    revokeCertificate(id: $id, reason: $reason) {
      ...CertificateFields
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const RotateSigningKeyMutation = gql<{ rotateSigningKey: IssuerSigningKey[] }, Record<string, never>>`
  mutation RotateSigningKey {
    rotateSigningKey {
      id
      publicKeyMultibase
      createdAt
      retiredAt
    }
  }
`;
