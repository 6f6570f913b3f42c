// Runs overrides/assets/javascripts/lunr/min/snia.js in Node on the words of
// the JSON file named on the command line and prints, as JSON, what its
// folding gives for each: lunr.sniaFold and lunr.sniaIndexTerms
// (tests/test_fold_table.py compares them with src/snia/textnorm.py).
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..", "..");
const words = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
globalThis.lunr = {
  Pipeline: { registerFunction() {} },
  QueryParser: { prototype: { parse() {} } },
  Index: { prototype: { search() { return []; } } },
  tokenizer: { separator: /[\s\-]+/ },
  sniaNames: {},
};
require(path.join(root, "overrides", "assets", "javascripts", "lunr", "min", "snia.js"));
process.stdout.write(JSON.stringify(words.map(w => [lunr.sniaFold(w), lunr.sniaIndexTerms(w)])));
