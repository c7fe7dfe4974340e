import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';

/**
 * The chapters live in ./content. Every page must have a description of 50-160 characters (search
 * engines show it) and an `order`, which places it in the sidebar and in previous/next links.
 */
const siteFields = z.object({
  description: z
    .string({ error: 'description is required (50-160 characters, shown by search engines)' })
    .min(50, 'description must be at least 50 characters')
    .max(160, 'description must be at most 160 characters'),
  order: z.number({ error: 'order is required: a whole number that places the page in the sidebar' }).int().min(0),
});

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/*.{md,mdx}' }),
    schema: (context) =>
      docsSchema({ extend: siteFields })(context).transform((data) => ({
        ...data,
        sidebar: { ...data.sidebar, order: data.sidebar.order ?? data.order },
      })),
  }),
};
