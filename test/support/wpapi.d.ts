// The part of node-wpapi (npm `wpapi`, plain JavaScript) the WordPress API's client test uses.
declare module 'wpapi' {
  interface Paging {
    total: number;
    totalPages: number;
    links: Record<string, string>;
    next?: WPRequest;
    prev?: WPRequest;
  }
  type Collection = Array<Record<string, unknown> & { id: number }> & { _paging?: Paging };
  interface WPRequest extends PromiseLike<unknown> {
    perPage(n: number): WPRequest;
    page(n: number): WPRequest;
    categories(ids: number | number[]): WPRequest;
    slug(slug: string): WPRequest;
    embed(): WPRequest;
    id(n: number): WPRequest;
    forPost(id: number): WPRequest;
    param(name: string, value: unknown): WPRequest;
    get(): Promise<unknown>;
    create(data: Record<string, unknown>): Promise<unknown>;
    toString(): string;
  }
  export default class WPAPI {
    constructor(options: { endpoint: string });
    posts(): WPRequest;
    pages(): WPRequest;
    categories(): WPRequest;
    tags(): WPRequest;
    users(): WPRequest;
    media(): WPRequest;
    comments(): WPRequest;
    static discover(url: string): Promise<WPAPI>;
  }
}
