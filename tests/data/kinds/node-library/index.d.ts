export declare function slug(text: string): string;
