// Preloaded into a benchmarked process (`node --import`): prints the peak
// resident memory of the whole process, every thread included, as it exits.
process.on('exit', () => {
  process.stderr.write(`peak-rss-bytes ${process.resourceUsage().maxRSS * 1024}\n`);
});
