import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

interface Link {
  client: Socket;
  upstream: Socket | null;
  toUpstream: Buffer[];
  toClient: Buffer[];
}

/**
 * A TCP proxy in front of the test database that can play a network partition: while blackholed, no
 * byte passes in either direction and new connections get no answer (as when packets are dropped, not
 * refused); on heal, what was held back is delivered, as TCP's retransmissions would.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly links = new Set<Link>();
  private blackholed = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Starts on a free loopback port; returns the URL that reaches `databaseUrl` through the proxy. */
  static async in_front_of(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
    const target = new URL(databaseUrl);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    return { proxy, url: Object.assign(new URL(databaseUrl), { hostname: '127.0.0.1', port: String(port) }).toString() };
  }

  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  blackhole(): void {
    this.blackholed = true;
  }

  heal(): void {
    this.blackholed = false;
    for (const link of this.links) this.flush(link);
  }

  async close(): Promise<void> {
    for (const link of this.links) this.drop(link);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    const link: Link = { client, upstream: null, toUpstream: [], toClient: [] };
    this.links.add(link);
    client.on('data', (chunk) => {
      link.toUpstream.push(chunk);
      this.flush(link);
    });
    client.on('error', () => this.drop(link));
    client.on('close', () => this.drop(link));
    this.flush(link);
  }

  private flush(link: Link): void {
    if (this.blackholed || !this.links.has(link)) return;
    if (!link.upstream) {
      const upstream = connect(this.targetPort, this.targetHost);
      link.upstream = upstream;
      upstream.on('data', (chunk) => {
        link.toClient.push(chunk);
        this.flush(link);
      });
      upstream.on('error', () => this.drop(link));
      upstream.on('close', () => this.drop(link));
    }
    for (const chunk of link.toUpstream.splice(0)) link.upstream.write(chunk);
    for (const chunk of link.toClient.splice(0)) link.client.write(chunk);
  }

  private drop(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.destroy();
    link.upstream?.destroy();
  }
}
