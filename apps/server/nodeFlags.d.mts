/** The Node options the compiled server runs with, wherever it is started (see nodeFlags.mjs). */
export declare const SERVER_NODE_FLAGS: string[];
