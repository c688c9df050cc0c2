import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, from, mergeMap } from 'rxjs';
import { takeAccessChanges } from '@canbo/access';
import { ActorCache } from './actor-cache';

/**
 * After a handler has finished (its transaction committed), tells every replica whose cached
 * abilities the request changed. A failed handler rolled back, so nothing is announced.
 */
@Injectable()
export class AccessChangesInterceptor implements NestInterceptor {
  constructor(private readonly cache: ActorCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Reads change nobody's access; they skip the extra step on the hot path.
    if (context.switchToHttp().getRequest<{ method: string }>().method === 'GET') return next.handle();
    return next.handle().pipe(mergeMap((body) => from(this.cache.changed(takeAccessChanges()).then(() => body))));
  }
}
