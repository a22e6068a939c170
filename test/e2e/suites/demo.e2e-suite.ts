import { runSuite } from '../suites';

runSuite(__filename);
