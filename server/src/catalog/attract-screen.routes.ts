import { AttractScreenSchema } from '@hiorder/domain/catalog/attract-screen';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { uploadedPhoto } from '../http/upload';
import { addAttractImage, readAttractScreen, updateAttractScreen, removePhotos, storePhoto } from '@hiorder/core/catalog';

/** The owner's attract screen (what an idle tablet shows). Tablets read it with the catalog (`GET /api/catalog`). */
export function attractScreenRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'catalog';
  api.route(
    {
      method: 'get',
      path: '/api/store/attract-screen',
      summary: "The store's attract screen: on or off, after how long idle, what it shows",
      tag,
      roles: ['admin', 'staff'],
      response: AttractScreenSchema,
    },
    ({ em, actor }) => readAttractScreen(em, actor.storeId),
  );
  api.route(
    {
      method: 'put',
      path: '/api/store/attract-screen',
      summary: 'Set the attract screen (image slides: only images uploaded for it)',
      tag,
      roles: ['admin'],
      body: AttractScreenSchema,
      response: AttractScreenSchema,
    },
    async ({ em, actor, body }) => {
      const { screen, removedImages } = await updateAttractScreen({ em, actor, now: deps.now() }, body);
      // After the commit: a failed delete leaves a stray file, never a slide without its image.
      await removePhotos(deps.photosDir, removedImages);
      return screen;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/store/attract-screen/images',
      summary: 'Upload an event image as the last slide (multipart field "image": JPEG, PNG or WebP, at most 2 MB)',
      tag,
      roles: ['admin'],
      response: AttractScreenSchema,
      status: 201,
    },
    async ({ ctx, em, actor }) => {
      const file = await storePhoto(deps.photosDir, `attract-${actor.storeId.slice(-12)}`, await uploadedPhoto(ctx, 'image'));
      try {
        return await addAttractImage({ em, actor, now: deps.now() }, file);
      } catch (err) {
        await removePhotos(deps.photosDir, [file]);
        throw err;
      }
    },
  );
}
