// Prints how many tests each package ran (from the JSON report vitest writes beside the package) and
// fails when a package's report is missing or counts no test, so tests that vanish are noticed even
// though turbo shows only the output of failing tasks. With --no-skips, a skipped test fails it too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const noSkips = process.argv.includes('--no-skips');
const packageDirs = process.argv.slice(2).filter((argument) => argument !== '--no-skips');
let problems = 0;
for (const dir of packageDirs) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  const reportPath = join(dir, '.test-results.json');
  if (!existsSync(reportPath)) {
    console.log(`${name}: no test report (${reportPath}): its tests did not run`);
    problems++;
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const files = Array.isArray(report.testResults) ? report.testResults.length : 0;
  console.log(
    `${name}: ${report.numTotalTests} tests in ${files} files (${report.numPassedTests} passed, ` +
      `${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped)`,
  );
  if (!(report.numTotalTests > 0)) {
    console.log(`${name}: ran no test`);
    problems++;
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  if (noSkips && skipped > 0) {
    console.log(`${name}: ${skipped} tests skipped; every one must run here`);
    problems++;
  }
}
process.exit(problems === 0 ? 0 : 1);
