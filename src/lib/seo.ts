import { bibliography, findCitationKeys, isCitationKey, type Reference } from './bibliography.ts';

interface ArticleInput {
  title: string;
  description: string;
  /** Canonical address of the page. */
  url: string;
  /** The page's MDX source, scanned for citations. */
  body: string;
}

/** schema.org TechArticle for one page, listing the works it cites. */
export function articleJsonLd({ title, description, url, body }: ArticleInput): Record<string, unknown> {
  const cited = findCitationKeys(body)
    .filter(isCitationKey)
    .map((key) => {
      const ref: Reference = bibliography[key];
      return { '@type': ref.kind, name: ref.title, author: ref.authors, datePublished: String(ref.year), url: ref.url };
    });
  return {
    '@context': 'https://schema.org',
    '@type': 'TechArticle',
    headline: title,
    description,
    url,
    inLanguage: 'en',
    isPartOf: { '@type': 'WebSite', name: 'Why ResNets Work' },
    ...(cited.length > 0 ? { citation: cited } : {}),
  };
}
