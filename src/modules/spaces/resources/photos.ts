// Photos of a resource: uploaded images with their alternative text, stored on disk and served
// publicly (they illustrate the public resource page).

import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { acceptUpload, type FileKind } from '../../../platform/files.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { changeIn } from '../changes.ts';
import { type Photo, spaceResources } from '../schema.ts';
import { type ResourceContext, type ResourceCtx, staffOnly } from './context.ts';
import { LIMITS } from './input.ts';

export const photoKinds: FileKind[] = ['image/png', 'image/jpeg', 'image/webp'];
const photoExtension: Partial<Record<FileKind, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};
/** Where photos are served from (public: they illustrate public resource pages). */
export const PHOTO_URL_PREFIX = '/pliki/przestrzenie/';
const photoFileName = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp)$/;
const photoContentType: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export function photoMethods(shared: ResourceContext) {
  const { db, uploadsDir, row, lockedRow } = shared;

  function photosDir(): string {
    if (!uploadsDir) throw new Error('uploadsDir is not configured');
    mkdirSync(uploadsDir, { recursive: true });
    return uploadsDir;
  }

  const photoName = (p: Photo) => p.path.slice(PHOTO_URL_PREFIX.length);

  return {
    /** Stores an uploaded photo (an image, judged by its content) with its alternative text. */
    async addPhoto(ctx: ResourceCtx, id: string, input: { content: Buffer; alt: string }): Promise<Photo> {
      staffOnly(ctx.actor);
      await row(id);
      const alt = input.alt.trim();
      if (!alt) throw new RuleError('required', 'alt');
      if (alt.length > LIMITS.photoAlt) throw new RuleError('invalid', 'alt');
      const kind = acceptUpload('photo', input.content, photoKinds, LIMITS.photoBytes);
      const name = `${uuidv7()}.${photoExtension[kind]}`;
      const file = path.join(photosDir(), name);
      const photo: Photo = { path: `${PHOTO_URL_PREFIX}${name}`, alt };
      await writeFile(file, input.content, { flag: 'wx', mode: 0o644 });
      try {
        await changeIn(db, async (tx) => {
          const before = await lockedRow(tx, id);
          if (before.photos.length >= LIMITS.photos)
            throw new RuleError('tooManyPhotos', 'photo', 422, { max: LIMITS.photos });
          await tx
            .update(spaceResources)
            .set({ photos: [...before.photos, photo], updatedAt: ctx.now })
            .where(eq(spaceResources.id, id));
          await audit(tx, auditActor(ctx.actor, ctx), {
            action: 'space_resource.photo_added',
            entityType: 'space_resource',
            entityId: id,
            after: { photo, bytes: input.content.length, type: kind },
          });
        });
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return photo;
    },

    /** Removes a photo from the resource and its file from the disk. */
    async deletePhoto(ctx: ResourceCtx, id: string, name: string): Promise<void> {
      staffOnly(ctx.actor);
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        const photo = before.photos.find((p) => photoName(p) === name);
        if (!photo) throw new NotFoundError('photo');
        await tx
          .update(spaceResources)
          .set({ photos: before.photos.filter((p) => p !== photo), updatedAt: ctx.now })
          .where(eq(spaceResources.id, id));
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: 'space_resource.photo_deleted',
          entityType: 'space_resource',
          entityId: id,
          before: { photo },
        });
      });
      if (photoFileName.test(name)) await rm(path.join(photosDir(), name), { force: true });
    },

    /** Moves a photo one place earlier or later (the first photo leads the public page). */
    async movePhoto(ctx: ResourceCtx, id: string, name: string, direction: 'up' | 'down'): Promise<void> {
      staffOnly(ctx.actor);
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        const i = before.photos.findIndex((p) => photoName(p) === name);
        if (i < 0) throw new NotFoundError('photo');
        const j = direction === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= before.photos.length) return;
        const photos = [...before.photos];
        [photos[i], photos[j]] = [photos[j]!, photos[i]!];
        await tx.update(spaceResources).set({ photos, updatedAt: ctx.now }).where(eq(spaceResources.id, id));
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: 'space_resource.photos_reordered',
          entityType: 'space_resource',
          entityId: id,
          before: { photos: before.photos.map(photoName) },
          after: { photos: photos.map(photoName) },
        });
      });
    },

    /** A stored photo for serving, or null (a name that is not ours, or a deleted file). */
    async photoFile(name: string): Promise<{ content: Buffer; type: string } | null> {
      const m = photoFileName.exec(name);
      if (!m || !uploadsDir) return null;
      try {
        return { content: await readFile(path.join(uploadsDir, name)), type: photoContentType[m[1]!]! };
      } catch {
        return null;
      }
    },
  };
}
