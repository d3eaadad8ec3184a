// The Node options the compiled server runs with, wherever it is started: `npm start`
// (scripts/start.mjs), the benchmarks that run it as `npm start` does, and Docker's CMD,
// which spells them out (a test checks that it matches).
//
// --max-semi-space-size=8: V8's young generation at most 2 x 8 MB instead of 2 x 16. V8
// doubles it each time the bytes that survived scavenges since the last doubling pass its
// size, and gives it back only once allocation falls below about 1 MB/s, which a room of
// people typing never does. A server's start and a room's set-up (the joins, every socket's
// first sync and presence) survive enough to reach 2 x 16 MB, of which a relay's garbage,
// frames and decoded updates that die within the task, needs little: 2 x 8 MB holds 20 MB
// less RSS in a room of 200, with no delivery lost and no more CPU per delivery
// (bench/results/relay-compare.md, 2026-12-07 15:57-16:20). A 4 MB cap lost deliveries at
// 500 clients (2026-12-06) and was not taken.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];
