// `pnpm bench [name…]`: runs the benchmarks (all by default) and prints, for each, its details and one
// final line `BENCH <name> <value> <unit> baseline=<value> ratio=<value>` measured in the same run.
import { scoringFanout, scoringFanoutPg } from './scoring-fanout.ts';
import { bulkRegister } from './bulk-register.ts';
import { cdcExport } from './cdc-export.ts';
import { httpTrivial } from './http-trivial.ts';
import { partnerList } from './partner-list.ts';
import { quizAnswers } from './quiz-answers.ts';

const benchmarks: Record<string, () => Promise<string[]>> = {
  'scoring-fanout': scoringFanout,
  'scoring-fanout-pg': scoringFanoutPg,
  'bulk-register': bulkRegister,
  'cdc-export': cdcExport,
  'http-trivial': httpTrivial,
  'partner-list': partnerList,
  'quiz-answers': quizAnswers,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(benchmarks);
const lines: string[] = [];
for (const name of names) {
  const run = benchmarks[name];
  if (!run) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  const output = await run();
  for (const line of output) console.log(line);
  lines.push(...output.filter((line) => line.startsWith('BENCH ')));
}
console.log('\n' + lines.join('\n'));
process.exit(0);
