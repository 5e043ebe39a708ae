// Verifiable certificates (issue 6): operations and their types.
import { graphql, type ResultOf } from './tada';
const CERTIFICATE_FIELDS = graphql(`
  fragment CertificateFields on Certificate @_unmask {
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
`);

const VERIFICATION_FIELDS = graphql(`
  fragment CertificateVerificationFields on CertificateVerification @_unmask {
    valid
    certificateId
    revoked
    revokedAt
    revocationReason
    supersededAt
    supersededById
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
`);

/** The candidate's certificates, per attempt. */
export const MyCertificatesQuery = graphql(`
  query MyCertificates {
    myAttempts {
      id
      certificates {
        ...CertificateFields
      }
    }
  }
`, [CERTIFICATE_FIELDS]);

/** Public verification page: what the certificate states and its verification. */
export const VerifyCertificateQuery = graphql(`
  query VerifyCertificate($id: ID!) {
    certificate(id: $id) {
      ...CertificateFields
    }
    verifyCertificate(id: $id) {
      ...CertificateVerificationFields
    }
  }
`, [CERTIFICATE_FIELDS, VERIFICATION_FIELDS]);

/** Public: verifies a pasted or uploaded credential. */
export const VerifyCredentialQuery = graphql(`
  query VerifyCredential($credential: JSON!) {
    verifyCredential(credential: $credential) {
      ...CertificateVerificationFields
    }
  }
`, [VERIFICATION_FIELDS]);

export const CertificatesToIssueQuery = graphql(`
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
`, [CERTIFICATE_FIELDS]);

export const IssueCertificatesMutation = graphql(`
  mutation IssueCertificates($attemptId: ID!) {
    issueCertificates(attemptId: $attemptId) {
      id
    }
  }
`);

export const RevokeCertificateMutation = graphql(`
  mutation RevokeCertificate($id: ID!, $reason: String!) {
    revokeCertificate(id: $id, reason: $reason) {
      ...CertificateFields
    }
  }
`, [CERTIFICATE_FIELDS]);

export const RotateSigningKeyMutation = graphql(`
  mutation RotateSigningKey {
    rotateSigningKey {
      id
      publicKeyMultibase
      createdAt
      retiredAt
    }
  }
`);

export type Certificate = ResultOf<typeof CERTIFICATE_FIELDS>;
export type CertificateVerification = ResultOf<typeof VERIFICATION_FIELDS>;
export type CertificateToIssue = ResultOf<typeof CertificatesToIssueQuery>['certificatesToIssue'][number];
