/**
 * Config node `thermometry-sign-in`: one service account (user name and
 * password, Node-RED credentials, never in the flow) and TLS trust that many
 * camera config nodes use. A camera whose "Sign-in" names this node signs in
 * with it; a camera with none chosen keeps its own credentials. Node-RED
 * restarts the cameras that name a sign-in when it is changed and deployed,
 * so a new password reaches every camera on the next deploy.
 *
 * Runtime API (typed in ../shared/camera-api.ts as SignInConfigNode):
 *   signIn.account()  { username, password } (undefined when not set)
 *   signIn.trust      { tls: '' | 'verify' | 'ca' | 'insecure', caPem }: '' = each camera's own setting
 */
import type { SignInConfigNode } from '../shared/camera-api';
import type { NodeAPI, NodeDef } from '../shared/red';

export = function register(RED: NodeAPI): void {
  function ThermometrySignInNode(this: SignInConfigNode, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const tls = def.tls === 'verify' || def.tls === 'ca' || def.tls === 'insecure' ? def.tls : '';
    (node as { trust: SignInConfigNode['trust'] }).trust = { tls, caPem: String(def.caPem ?? '') };
    node.account = () => {
      const c = (node.credentials ?? {}) as Record<string, string | undefined>;
      return { username: c.username || undefined, password: c.password || undefined };
    };
  }

  RED.nodes.registerType('thermometry-sign-in', ThermometrySignInNode, {
    credentials: {
      username: { type: 'text' },
      password: { type: 'password' },
    },
  });
};
