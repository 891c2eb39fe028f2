/**
 * JavaScript that runs INSIDE QuickJS, once per compiled script, before any user code.
 *
 * Invariants (each one is what keeps one token's data out of the next token):
 * 1. After `install` returns, every object reachable from `globalThis`, from the intrinsics
 *    that hide behind syntax (generators, async functions, iterators) and from the script's
 *    factory is frozen, so a call cannot leave state behind for the next call of the same
 *    cached context.
 * 2. No code can be compiled after `install`: `eval` and the four function constructors are
 *    replaced by throwing stubs. That closes the only ways to add global lexical bindings
 *    (`(0, eval)('let x = ...')`, and QuickJS's `Function('}); let x = ...; (function(){')`).
 * 3. Per-call state lives in objects created by `invoke`; the host reads one string back from
 *    `finish`, never a VM object.
 */
export const bootstrapFileName = 'gatehouse-bootstrap.js';

export const bootstrapSource = String.raw`(function install(factory, hostFetch) {
  'use strict';
  const global = globalThis;
  const { freeze, getPrototypeOf, getOwnPropertyDescriptor, defineProperty, create } = Object;
  const ownKeys = Reflect.ownKeys;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const toStr = String;
  const ObjectPrototype = Object.prototype;
  const promiseThen = Promise.prototype.then;
  const promiseResolve = (value) => Promise.resolve(value);
  const MAX_LOGS = 20;
  const MAX_LOG_CHARS = 500;
  const MAX_MESSAGE_CHARS = 1000;
  const MAX_STACK_CHARS = 2000;

  function safeString(value, max) {
    let text;
    try { text = typeof value === 'string' ? value : toStr(value); } catch (_) { text = '[unprintable value]'; }
    return text.length > max ? text.slice(0, max) + '...' : text;
  }

  // console.* is captured into the run's warnings (the test endpoint shows them).
  let logs = null;
  function formatLogArg(value) {
    if (typeof value === 'string') return value;
    try { const json = jsonStringify(value); if (json !== undefined) return json; } catch (_) { /* fall through */ }
    return safeString(value, MAX_LOG_CHARS);
  }
  function logger(level) {
    return function () {
      if (logs === null || logs.length >= MAX_LOGS) return;
      const parts = [];
      for (let i = 0; i < arguments.length; i++) parts[i] = formatLogArg(arguments[i]);
      logs[logs.length] = safeString(level + ': ' + parts.join(' '), MAX_LOG_CHARS);
    };
  }
  const consoleObject = create(ObjectPrototype);
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) consoleObject[level] = logger(level);
  defineProperty(global, 'console', { value: consoleObject, writable: false, enumerable: false, configurable: false });

  if (typeof hostFetch === 'function') {
    const normaliseRequest = (resource, init) => {
      const options = init === undefined || init === null ? {} : init;
      const url = typeof resource === 'string' ? resource
        : resource !== null && typeof resource === 'object' && typeof resource.url === 'string' ? resource.url : toStr(resource);
      const method = options.method === undefined ? 'GET' : toStr(options.method).toUpperCase();
      const headers = [];
      const source = options.headers;
      if (isArray(source)) {
        for (const pair of source) headers[headers.length] = [toStr(pair[0]), toStr(pair[1])];
      } else if (source !== undefined && source !== null) {
        for (const key of Object.keys(source)) headers[headers.length] = [key, toStr(source[key])];
      }
      const body = options.body;
      if (body !== undefined && body !== null && typeof body !== 'string') {
        throw new TypeError('fetch: body must be a string (use JSON.stringify)');
      }
      return { url, method, headers, body: body === null ? undefined : body };
    };
    const toResponse = (raw) => {
      const headerMap = create(null);
      for (const pair of raw.headers) headerMap[pair[0].toLowerCase()] = pair[1];
      const body = raw.body;
      const headers = freeze({
        get(name) { const value = headerMap[toStr(name).toLowerCase()]; return value === undefined ? null : value; },
        has(name) { return headerMap[toStr(name).toLowerCase()] !== undefined; },
      });
      return freeze({
        ok: raw.status >= 200 && raw.status < 300, status: raw.status, statusText: raw.statusText, url: raw.url, headers,
        text() { return promiseResolve(body); },
        json() { return new Promise((resolve) => resolve(jsonParse(body))); },
      });
    };
    const fetch = async function fetch(resource, init) {
      const request = jsonStringify(normaliseRequest(resource, init));
      let raw;
      try { raw = await hostFetch(request); } catch (error) { throw new TypeError('fetch failed: ' + safeString(error, MAX_MESSAGE_CHARS)); }
      return toResponse(jsonParse(raw));
    };
    defineProperty(global, 'fetch', { value: fetch, writable: false, enumerable: false, configurable: false });
  }

  // Invariant 2: no code compilation after install.
  const tame = (prototype, name) => {
    const stub = function () { throw new EvalError(name + ' constructor is disabled in custom-claims scripts'); };
    defineProperty(stub, 'name', { value: name });
    defineProperty(stub, 'prototype', { value: prototype, writable: false });
    defineProperty(prototype, 'constructor', { value: stub, writable: false });
    return stub;
  };
  const functionPrototypes = [
    Function.prototype, getPrototypeOf(async function () {}), getPrototypeOf(function* () {}), getPrototypeOf(async function* () {}),
  ];
  defineProperty(global, 'Function', { value: tame(functionPrototypes[0], 'Function') });
  tame(functionPrototypes[1], 'AsyncFunction');
  tame(functionPrototypes[2], 'GeneratorFunction');
  tame(functionPrototypes[3], 'AsyncGeneratorFunction');
  const evalStub = function () { throw new EvalError('eval is disabled in custom-claims scripts'); };
  defineProperty(evalStub, 'name', { value: 'eval' });
  defineProperty(global, 'eval', { value: evalStub });
  // GC-driven callbacks could run during a later call; they have no use in a claims script.
  delete global.WeakRef;
  delete global.FinalizationRegistry;

  // Frozen data properties break plain assignments such as 'this.name = ...' in an Error
  // subclass (the "override mistake"). Turn the usual victims into accessors that define an
  // own property on the receiver instead, as SES does.
  const enableOverride = (object, key) => {
    const desc = getOwnPropertyDescriptor(object, key);
    if (desc === undefined || !('value' in desc)) return;
    const value = desc.value;
    defineProperty(object, key, {
      get() { return value; },
      set(newValue) {
        if (this === object) throw new TypeError('Cannot assign to read only property ' + toStr(key) + ' of a built-in object');
        defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  };
  for (const key of ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']) {
    enableOverride(ObjectPrototype, key);
  }
  for (const key of ['constructor', 'toString']) enableOverride(Function.prototype, key);
  const errors = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
  if (typeof InternalError === 'function') errors[errors.length] = InternalError;
  for (const ctor of errors) for (const key of ['constructor', 'name', 'message', 'toString']) enableOverride(ctor.prototype, key);

  // Invariant 3: per-call state.
  let run = null;
  function describeError(error) {
    if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
      let name = 'Error', message = '', stack = '';
      try { if (error.name !== undefined) name = safeString(error.name, 100); } catch (_) { /* keep default */ }
      try { if (error.message !== undefined) message = safeString(error.message, MAX_MESSAGE_CHARS); } catch (_) { /* keep default */ }
      try { if (typeof error.stack === 'string') stack = error.stack.slice(0, MAX_STACK_CHARS); } catch (_) { /* keep default */ }
      return 'E' + jsonStringify({ name, message, stack });
    }
    return 'E' + jsonStringify({ name: 'Uncaught', message: safeString(error, MAX_MESSAGE_CHARS), stack: '' });
  }
  function describeType(value) {
    if (value === null) return 'null';
    if (isArray(value)) return 'an array';
    if (typeof value !== 'object') return 'a ' + typeof value;
    return 'an object with a custom prototype';
  }
  function serialise(value, maxChars) {
    if (value === null || typeof value !== 'object' || isArray(value)) {
      return 'TgetCustomJwtClaims must return a plain object, got ' + describeType(value);
    }
    const proto = getPrototypeOf(value);
    if (proto !== ObjectPrototype && proto !== null) return 'TgetCustomJwtClaims must return a plain object, got ' + describeType(value);
    let json;
    try { json = jsonStringify(value); } catch (error) {
      if (error instanceof InternalError) return describeError(error);
      return 'TThe returned claims are not JSON-serialisable: ' + safeString(error && error.message, MAX_MESSAGE_CHARS);
    }
    // JSON length in UTF-16 units is a lower bound of its UTF-8 size; the host checks bytes.
    if (json.length > maxChars) return 'TThe returned claims exceed ' + maxChars + ' bytes of JSON';
    return 'O' + json;
  }

  function invoke(inputJson) {
    const input = jsonParse(inputJson);
    const current = { outcome: null, denied: undefined, logs: [] };
    run = current;
    logs = current.logs;
    const api = freeze({
      denyAccess: function denyAccess(message) {
        if (current.denied === undefined) {
          current.denied = message === undefined ? 'Access denied by the custom-claims script' : safeString(message, MAX_MESSAGE_CHARS);
        }
        const error = new Error(current.denied);
        defineProperty(error, 'name', { value: 'AccessDeniedError' });
        throw error;
      },
    });
    try {
      const fn = factory();
      if (typeof fn !== 'function') { current.outcome = 'M'; return; }
      const result = fn({ token: input.t, context: input.c, environmentVariables: input.e, api });
      apply(promiseThen, promiseResolve(result), [
        (value) => { current.outcome = serialise(value, input.m); },
        (error) => { current.outcome = describeError(error); },
      ]);
    } catch (error) {
      current.outcome = describeError(error);
    }
  }

  function finish() {
    const current = run;
    if (current === null) return 'X';
    let tagged;
    if (current.denied !== undefined) tagged = 'D' + current.denied;
    else if (current.outcome === null) return 'P';
    else tagged = current.outcome;
    run = null;
    logs = null;
    return jsonStringify(current.logs) + '\n' + tagged;
  }

  // Invariant 1: freeze everything reachable.
  const hidden = [...functionPrototypes, factory, invoke, finish];
  const probes = [
    () => [][Symbol.iterator](), () => new Map()[Symbol.iterator](), () => new Set()[Symbol.iterator](),
    () => ''[Symbol.iterator](), () => /x/g[Symbol.matchAll](''), () => [].values().map((x) => x),
    () => Iterator.from({ next() { return { done: true }; } }), () => Iterator.concat([]),
  ];
  for (const probe of probes) {
    try { hidden[hidden.length] = getPrototypeOf(probe()); } catch (_) { /* not in this QuickJS build */ }
  }
  const seen = new Set();
  const pending = [global, ...hidden];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
    seen.add(value);
    freeze(value);
    pending.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const desc = getOwnPropertyDescriptor(value, key);
      if ('value' in desc) pending.push(desc.value);
      else pending.push(desc.get, desc.set);
    }
  }
  return [invoke, finish];
})`;

/**
 * The user's script becomes the body of an arrow function evaluated once per call, so its
 * top-level `let`/`const` bindings are fresh each call. An arrow has no `arguments` and no
 * `prototype`, so the factory itself offers nothing to write to.
 */
export const scriptFileName = 'custom-jwt-claims.js';
export const scriptPrefix = '(() => {\n';
export const scriptPrefixLines = 1;
export const scriptSuffix = "\n;return typeof getCustomJwtClaims === 'undefined' ? undefined : getCustomJwtClaims;\n})";
