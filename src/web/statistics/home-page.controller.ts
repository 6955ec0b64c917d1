import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HTML } from '../shared/page-reply';
import { HeadlineFigures } from './headline-figures';
import { homePage } from './home.page';

/** `/`: the service in a few words and the national headline figures. */
@ApiExcludeController()
@Controller()
export class HomePageController {
  constructor(private readonly headlineFigures: HeadlineFigures) {}

  @Get()
  @Header('Content-Type', HTML)
  async home(): Promise<string> {
    return homePage(await this.headlineFigures.render());
  }
}
