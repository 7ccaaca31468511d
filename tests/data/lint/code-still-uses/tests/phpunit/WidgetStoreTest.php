<?php

namespace MediaWiki\Extension\Widgets\Tests;

/**
 * @covers \MediaWiki\Extension\Widgets\WidgetStore
 * @group Database
 */
class WidgetStoreTest extends \MediaWikiIntegrationTestCase {
	public function addDBData() {
		$this->getDb()->newInsertQueryBuilder()
			->insertInto( 'widget' )
			->row( [ 'wd_name' => 'gear', 'wd_color' => 'grey', 'wd_size' => 3 ] )
			->caller( __METHOD__ )->execute();
	}
}
