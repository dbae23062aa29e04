/** Undoes one setup step: removes listeners, stops a blocker, closes a server. */
export type Disposer = () => void | Promise<void>;

/** Last set up, first undone; one failing step does not keep the others from running. */
export async function disposeAll(disposers: Disposer[]): Promise<void> {
  for (const dispose of [...disposers].reverse()) {
    try {
      await dispose();
    } catch (error) {
      console.error('shell: cleanup step failed:', error);
    }
  }
}
