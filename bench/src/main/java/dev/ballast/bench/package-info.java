/**
 * The benchmark harness: suites of clusters (the public cloud-balancing data sets, generated
 * clusters, a scale test) planned under a policy and measured against lower bounds, best known
 * results and first-fit decreasing; and what-if scenarios over 1,000 hosts, answered as
 * {@code ballast what-if} answers them and timed ({@link dev.ballast.bench.WhatIfSuite}). Run by {@code ballast bench} or {@link dev.ballast.bench.BenchMain};
 * kept apart from the unit tests, which must stay fast.
 */
package dev.ballast.bench;
