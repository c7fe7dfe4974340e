/**
 * The sentence that reads a finished lab run (components/demo/result-text.ts). Its module loads
 * only when a run finishes, which keeps it out of the lab's JavaScript before Train.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LabRunSummary } from '../demo/result-text.ts';

/** '' until `finished`; then the sentence for `runs` as they stand at that moment. */
export function useResultSentence(finished: boolean, runs: readonly LabRunSummary[]): string {
  const [sentence, setSentence] = useState('');
  useEffect(() => {
    if (!finished) {
      setSentence('');
      return;
    }
    let current = true;
    void import('../demo/result-text.ts').then(({ labResult }) => {
      if (current) setSentence(labResult(runs));
    });
    return () => {
      current = false;
    };
    // Read once, when the run finishes: `runs` is that run's final state then.
  }, [finished]);
  return sentence;
}
