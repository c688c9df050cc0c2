import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** Validates the environment (or the given overrides, used by tests) and provides `AppConfig`. */
  static forRoot(overrides: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    const config = loadConfig({ ...process.env, ...overrides });
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
