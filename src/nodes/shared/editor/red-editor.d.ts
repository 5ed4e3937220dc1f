/**
 * The part of Node-RED's editor API (the browser's global RED) that our
 * forms use, typed as Node-RED 4 behaves. Ours, not @types/node-red's
 * editor-client typings: those describe Node-RED 1.3 (a validator there
 * returns only a boolean, where Node-RED 2 and later show a returned string
 * as the reason, and takes no `opt`), and they import the runtime's types,
 * which bring Node's globals (Buffer, process) into browser code, the very
 * mistake the editor's type check is there to catch. jQuery ($) is typed by
 * @types/jquery; Node-RED 4 ships jQuery 3.
 */

/** A node as the editor holds it: its properties by name, and Node-RED's own members. */
interface EditorNode {
    id: string;
    type: string;
    name?: string;
    /** The editor property of a camera node: the config node's id. */
    camera?: string;
    /** Set on config nodes: their credentials as typed in this session (a stored password reads "__PWRD__"). */
    credentials?: Record<string, string | undefined>;
    /** The node type's catalogue (locales/<lang>/<node>.json). */
    _(key: string, vars?: Record<string, unknown>): string;
    [property: string]: unknown;
}

/**
 * A property's check. Node-RED reads a returned string as the reason only
 * from a two-parameter function (a one-parameter one's string counts as valid).
 */
type EditorValidator = (this: EditorNode, value: unknown, opt: unknown) => boolean | string;

interface EditorPropertyDef {
    value: unknown;
    required?: boolean;
    /** The type of config node the property points at. */
    type?: string;
    validate?: EditorValidator;
}

interface EditorCredentialDef {
    type: "text" | "password";
    required?: boolean;
}

interface EditorNodeDefinition {
    category: string;
    color?: string;
    defaults: Record<string, EditorPropertyDef>;
    credentials?: Record<string, EditorCredentialDef>;
    inputs?: number;
    outputs?: number;
    icon?: string;
    paletteLabel?: string;
    label?: (this: EditorNode) => string;
    labelStyle?: (this: EditorNode) => string;
    onadd?: (this: EditorNode) => void;
    oneditprepare?: (this: EditorNode) => void;
    oneditsave?: (this: EditorNode) => void;
    oneditcancel?: (this: EditorNode) => void;
}

interface EditorImportOptions {
    generateIds?: boolean;
    importMap?: Record<string, string>;
    [option: string]: unknown;
}

type EditorImportNodes = ((nodes: unknown, options?: EditorImportOptions, ...rest: unknown[]) => unknown) & { axisThermometry?: boolean };

interface EditorRED {
    nodes: {
        registerType(type: string, definition: EditorNodeDefinition): void;
        /** A node or config node of the workspace by id, or null. */
        node(id: string): EditorNode | null;
        eachConfig(visit: (config: EditorNode) => boolean | void): void;
        /** A new node id. */
        id(): string;
        /** Adds a node (a config node when it has no z) to the workspace. */
        add(node: Record<string, unknown>): unknown;
        getType(type: string): EditorNodeDefinition | null;
        /** Whether the workspace has changes not deployed; with an argument, marks it so. */
        dirty(value?: boolean): boolean;
    };
    history: {
        /** One undo step: { t: "add", nodes: [ids], dirty } undoes the adding of those nodes. */
        push(event: Record<string, unknown>): void;
    };
    sidebar?: { config?: { refresh(): void } };
    /** Absent while the editor starts, and in tests that run a form's script alone. */
    view?: {
        importNodes?: EditorImportNodes;
        redraw?(full?: boolean): void;
    };
    /** The editor's event bus ("editor:close" when a tray closes). */
    events?: {
        on(event: string, handler: (...args: unknown[]) => void): void;
        off(event: string, handler: (...args: unknown[]) => void): void;
    };
    notify(message: string, type?: "warning" | "error" | "success" | "compact"): void;
}

declare const RED: EditorRED;
