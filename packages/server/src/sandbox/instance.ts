import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';

/**
 * One WebAssembly instance of QuickJS per compiled script, with a capped linear memory.
 *
 * Why: QuickJS's own `setMemoryLimit` does not bound a runtime's total in the prebuilt
 * emscripten build (it has no `malloc_usable_size`, so each allocation adds 8 bytes to the
 * tally whatever its size: 200 x 1 MiB typed arrays pass a 4 MiB limit; quickjs-emscripten
 * issues #255, #271). A `WebAssembly.Memory` with a `maximum` is a hard cap instead: when it
 * is reached, malloc returns NULL and QuickJS throws its ordinary "out of memory".
 */

// The server's tsconfig has no DOM lib, and @types/node does not declare WebAssembly.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const pageBytes = 64 * 1024;
// Static data, the C stack and the QuickJS runtime take this much of the initial memory.
const instanceBaselineBytes = 6 * 1024 * 1024;

export interface QuickJSInstance {
  module: QuickJSWASMModule;
  memory: WasmMemory;
  initialBytes: number;
  maximumBytes: number;
}

let compiled: Promise<{ module: object; minimumPages: number }> | undefined;

function compileOnce(): Promise<{ module: object; minimumPages: number }> {
  compiled ??= (async () => {
    const fromHere = createRequire(import.meta.url);
    const fromQuickJS = createRequire(fromHere.resolve('quickjs-emscripten'));
    const bytes = await readFile(fromQuickJS.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
    return { module: await wasm.compile(bytes), minimumPages: importedMemoryMinimum(bytes) ?? 256 };
  })();
  return compiled;
}

/** A fresh instance whose memory can hold about `memoryBytes` of script data and no more. */
export async function newQuickJSInstance(memoryBytes: number): Promise<QuickJSInstance> {
  const { module: wasmModule, minimumPages } = await compileOnce();
  const maximumPages = Math.max(minimumPages, Math.ceil((memoryBytes + instanceBaselineBytes) / pageBytes));
  const memory = new wasm.Memory({ initial: minimumPages, maximum: maximumPages });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }));
  return { module, memory, initialBytes: minimumPages * pageBytes, maximumBytes: maximumPages * pageBytes };
}

/**
 * Reads the minimum page count of the module's imported memory from its import section,
 * because instantiating with a smaller memory fails outside any promise we could catch.
 */
export function importedMemoryMinimum(bytes: Uint8Array): number | undefined {
  let pos = 8; // magic + version
  const leb = (): number => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  const skipName = (): void => {
    const length = leb();
    pos += length;
  };
  const skipLimits = (): number => {
    const flags = bytes[pos++];
    const minimum = leb();
    if (flags & 1) leb();
    return minimum;
  };
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 2) {
      for (let count = leb(); count > 0; count--) {
        skipName();
        skipName();
        const kind = bytes[pos++];
        if (kind === 0) leb();
        else if (kind === 1) {
          pos++;
          skipLimits();
        } else if (kind === 2) return skipLimits();
        else pos += 2;
      }
    }
    pos = end;
  }
  return undefined;
}
