// Parses each file named on the command line as an ES2017 script with acorn (vendored from npm,
// tests/support/vendor/acorn) and prints one JSON object: {file: "line:column message"} for every
// file that does not parse. Run by tests/site/test_es2017.py with Debian's node.
"use strict";
const fs = require("fs");
const path = require("path");
const acorn = require(path.join(__dirname, "vendor", "acorn", "acorn.js"));

const failures = {};
for (const file of process.argv.slice(2)) {
  try {
    acorn.parse(fs.readFileSync(file, "utf8"), { ecmaVersion: 2017, sourceType: "script" });
  } catch (error) {
    failures[file] = error.loc ? `${error.loc.line}:${error.loc.column + 1} ${error.message}` : String(error);
  }
}
process.stdout.write(JSON.stringify(failures));
