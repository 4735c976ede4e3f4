'use strict';
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const durations = require('../durations.json');

const root = path.resolve(__dirname, '../..');

/**
 * Starts the longest test files first, by the durations of a whole run kept in
 * test/durations.json (seconds, by path from the repository's root), so that the workers end
 * together. On a fresh clone jest has no timings of its own and orders by file size: an e2e
 * file of fifteen lines that runs for five minutes (its cases are in other files) started
 * among the last, and ran alone at the end. Files the list does not know (new ones) start
 * first. `npm run -s test:durations` refreshes the list from jest's own timings of a run.
 */
class SlowestFirst extends Sequencer {
  sort(tests) {
    const seconds = (test) => durations[path.relative(root, test.path)];
    return [...tests].sort((a, b) => {
      const [first, second] = [seconds(a), seconds(b)];
      if (first === undefined || second === undefined)
        return (first === undefined ? 0 : 1) - (second === undefined ? 0 : 1);
      return second - first;
    });
  }
}

module.exports = SlowestFirst;
