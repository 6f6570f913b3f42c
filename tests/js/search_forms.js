// Runs overrides/assets/javascripts/lunr/min/snia.js in Node on the cases of
// tests/search_forms.json and prints what it gives, as JSON, for
// tests/test_search_forms.py to compare with the Python twin. lunr itself is
// not needed: snia.js only registers a pipeline function and wraps search.
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..", "..");
const table = JSON.parse(fs.readFileSync(path.join(root, "tests", "search_forms.json"), "utf8"));
let asked = "";
globalThis.lunr = {
  Pipeline: { registerFunction() {} },
  QueryParser: { prototype: { parse() {} } },
  Index: { prototype: { search(query) { asked = query; return []; } } },
  tokenizer: { separator: new RegExp(table.separator) },
  sniaNames: table.names,
};
require(path.join(root, "overrides", "assets", "javascripts", "lunr", "min", "snia.js"));
process.stdout.write(JSON.stringify(table.cases.map(c => {
  asked = "";
  lunr.Index.prototype.search(c.asked);
  return { word: c.word, fold: lunr.sniaFold(c.word), index: lunr.sniaIndexTerms(c.word), query: asked,
           reduced: lunr.sniaReduce(c.asked) };
})));
