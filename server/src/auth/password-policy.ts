// The password policy: at least MIN_PASSWORD_LENGTH characters and hard enough to guess by zxcvbn-ts's
// estimate (score ≥ 3 of 4: about 10^8 guesses), with French and English dictionaries, first names, last
// names and common words, plus what the person's own account says about them (e-mail, name). The refusal says
// why, in the request's language, from zxcvbn's own feedback.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';
import * as english from '@zxcvbn-ts/language-en';
import { currentLocale, type Locale } from '../lib/request-context.ts';
import { translate } from '../lib/messages.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
const MIN_SCORE = 3;

const factories = new Map<Locale, ZxcvbnFactory>();

/** One estimator per language (its feedback is translated); dictionaries loaded on first use. */
function estimator(locale: Locale): ZxcvbnFactory {
  let factory = factories.get(locale);
  if (!factory) {
    factory = new ZxcvbnFactory({
      translations: locale === 'fr' ? french.translations : english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...french.dictionary, ...english.dictionary },
    });
    factories.set(locale, factory);
  }
  return factory;
}

/** Words of the account that a password must not lean on: the e-mail's parts and the names. */
function personalWords(inputs: (string | null | undefined)[]): string[] {
  return inputs
    .filter((input): input is string => Boolean(input))
    .flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((word) => word.length >= 3);
}

/** null when the password is acceptable, else the reason (translated). */
export function passwordWeakness(password: string, personal: (string | null | undefined)[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return translate('password.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) return translate('password.tooLong', { max: MAX_PASSWORD_LENGTH });
  const locale = currentLocale();
  const result: ZxcvbnResult = estimator(locale).check(password, personalWords(personal));
  if (result.score >= MIN_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return translate('password.tooWeak', { why: why || translate('password.addWords') });
}
