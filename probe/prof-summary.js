const fs = require("fs"); const dir = process.argv[2];
const f = fs.readdirSync(dir).find((x) => x.endsWith(".cpuprofile"));
const p = JSON.parse(fs.readFileSync(dir + "/" + f));
const self = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) || 0) + (p.timeDeltas[i] || 0));
const byFile = new Map();
for (const n of p.nodes) { const t = (dt.get(n.id) || 0) / 1000; const cf = n.callFrame; const k = `${cf.functionName || "(anon)"} ${cf.url.split("/").slice(-2).join("/")}:${cf.lineNumber}`; self.set(k, (self.get(k) || 0) + t);
  const file = cf.url.includes("node_modules") ? cf.url.split("node_modules/")[1].split("/")[0] : cf.url.split("/").slice(-2).join("/") || cf.functionName; byFile.set(file, (byFile.get(file) || 0) + t); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log("total ms", total.toFixed(0));
console.log([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`).join("\n"));
console.log("---");
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`).join("\n"));
