// Prints vitest's JSON report as one line: "N passed, N failed, N skipped".
// With --total, adds up the lines given as arguments and prints the closing "N passed, N failed" line.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args[0] === '--total') {
  let passed = 0, failed = 0, skipped = 0;
  for (const line of args.slice(1)) {
    passed += Number(/(\d+) passed/.exec(line)?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(line)?.[1] ?? 0);
    skipped += Number(/(\d+) skipped/.exec(line)?.[1] ?? 0);
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
} else {
  const file = args[0];
  if (!existsSync(file)) {
    console.log('0 passed, 1 failed, 0 skipped (no report: the test run did not complete)');
  } else {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    const suiteFailures = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
    console.log(`${report.numPassedTests} passed, ${report.numFailedTests + suiteFailures} failed, ${skipped} skipped`);
  }
}
