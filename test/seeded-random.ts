// Generated data and fuzz runs replay from their seed, with the generator the simulations use.
export { seededRandom } from '../src/stats/simulation-random';
