/**
 * A step of a test file's shared scenario that runs once, whichever test asks first. Tests
 * await the steps they need instead of relying on the tests before them, so each runs alone
 * (`-t`) or in any order against the file's shared servers.
 */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let done: Promise<T> | undefined;
  return () => {
    done ??= step();
    return done;
  };
}
