// ESLint rule "local/no-swallowed-errors": a failure may not vanish without a word. A promise rejection handler
// (`.catch(h)`, the second argument of `.then`) or a `catch` clause that ignores the error and does nothing with it
// (returns nothing, a literal, undefined, [] or {}, or only assigns such a value) is refused, unless a comment
// `swallow-ok: <why>` on the line before it, on its line, before its statement, or inside it says why that is right.

const ALLOW = /\bswallow-ok:\s*\S/;

/** An expression that produces nothing worth having: no value, a literal, undefined, void, [] or {}, or `x = <such>`. */
function isEmptyValue(node) {
  if (!node) return true;
  switch (node.type) {
    case "Literal":
      return true;
    case "Identifier":
      return node.name === "undefined";
    case "UnaryExpression":
      return node.operator === "void";
    case "ArrayExpression":
      return node.elements.length === 0;
    case "ObjectExpression":
      return node.properties.length === 0;
    case "AssignmentExpression":
      return isEmptyValue(node.right);
    case "TSAsExpression":
    case "TSNonNullExpression":
    case "TSSatisfiesExpression":
      return isEmptyValue(node.expression);
    default:
      return false;
  }
}

/** A handler body that only yields an empty value (or nothing at all). */
function doesNothing(body) {
  if (body.type !== "BlockStatement") return isEmptyValue(body);
  return body.body.every(
    (s) => s.type === "EmptyStatement" || (s.type === "ReturnStatement" && isEmptyValue(s.argument)) || (s.type === "ExpressionStatement" && isEmptyValue(s.expression)),
  );
}

/** The handler never reads the error: no parameter, or one that is never referenced. */
function ignoresError(sourceCode, node, param) {
  if (!param) return true;
  if (param.type !== "Identifier") return false;
  const variable = sourceCode.getDeclaredVariables(node).find((v) => v.name === param.name);
  return variable !== undefined && variable.references.length === 0;
}

const isFunction = (node) => node !== undefined && (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression");

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Refuse promise handlers and catch clauses that drop an error without a word" },
    schema: [],
    messages: {
      swallowed:
        "A failure is dropped here. Log it (an event name and ...failureFields(err)), hand it on, or say why dropping it is right with a `// swallow-ok: <why>` comment.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const allowed = (node) => {
      const line = node.loc.start.line;
      const statement = sourceCode.getAncestors(node).findLast((a) => /Statement$|Declaration$/.test(a.type));
      const before = new Set([line - 1, statement ? statement.loc.start.line - 1 : line - 1]);
      return sourceCode.getAllComments().some((c) => {
        if (!ALLOW.test(c.value)) return false;
        const inside = c.range[0] >= node.range[0] && c.range[1] <= node.range[1];
        return inside || c.loc.start.line === line || before.has(c.loc.end.line);
      });
    };
    const check = (node, param, body) => {
      if (ignoresError(sourceCode, node, param) && doesNothing(body) && !allowed(node)) context.report({ node, messageId: "swallowed" });
    };
    return {
      CallExpression(call) {
        const callee = call.callee;
        if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return;
        const handler = callee.property.name === "catch" ? call.arguments[0] : callee.property.name === "then" ? call.arguments[1] : undefined;
        if (isFunction(handler)) check(handler, handler.params[0], handler.body);
      },
      CatchClause(clause) {
        check(clause, clause.param ?? undefined, clause.body);
      },
    };
  },
};
